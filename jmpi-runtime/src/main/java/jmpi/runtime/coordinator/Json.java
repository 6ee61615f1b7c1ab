package jmpi.runtime.coordinator;

/** A small JSON writer for the status page: appends values, quotes strings. */
final class Json {
    private final StringBuilder b;

    Json(String start) {
        b = new StringBuilder(start);
    }

    Json append(Object v) {
        b.append(v);
        return this;
    }

    /** A JSON string, or null. */
    Json string(String s) {
        if (s == null) {
            b.append("null");
            return this;
        }
        b.append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        b.append('"');
        return this;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
