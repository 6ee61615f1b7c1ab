package jmpi.examples.ops;

import jmpi.op.Payload;

/** A label with a score, as ranks contribute them to {@link TopK}. */
@Payload
public record Scored(String label, double score) {
}
