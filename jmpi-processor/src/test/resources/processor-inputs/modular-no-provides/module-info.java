module demo.app {
    requires jmpi;
}
