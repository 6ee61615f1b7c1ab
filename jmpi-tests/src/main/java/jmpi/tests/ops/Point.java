package jmpi.tests.ops;

/** A payload record allowed through JMPI_SERIAL. */
public record Point(double x, double y, String label) {
}
