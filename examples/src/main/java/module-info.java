/** Example jmpi programs. */
module jmpi.examples {
    requires jmpi;
}
