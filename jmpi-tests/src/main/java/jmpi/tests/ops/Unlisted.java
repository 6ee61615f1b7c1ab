package jmpi.tests.ops;

/** A record that nothing registers: it must never cross the wire. */
public record Unlisted(int value) {
}
