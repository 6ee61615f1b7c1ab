package jmpi.bench;

import java.util.Locale;

/** A one-line JSON object writer, enough for flat records of numbers, strings and number arrays. */
final class Json {
    private final StringBuilder out = new StringBuilder("{");

    Json put(String key, String value) {
        key(key);
        out.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return this;
    }

    Json put(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    Json put(String key, double value) {
        key(key);
        number(value);
        return this;
    }

    Json put(String key, double[] values) {
        key(key);
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            number(values[i]);
        }
        out.append(']');
        return this;
    }

    /** Embeds an already written JSON value (an object or an array of objects). */
    Json raw(String key, String json) {
        key(key);
        out.append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private void key(String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append('"').append(key).append("\":");
    }

    private void number(double v) {
        // JSON has no NaN or infinity; a missing figure is null
        if (!Double.isFinite(v)) {
            out.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(v);
        }
    }
}
