package jmpi.runtime.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's host-list syntax ({@code node[01-04,07],gpu1}) expanded into host names, in the order and
 * with the zero padding {@code scontrol show hostnames} gives: entries are separated by commas or
 * spaces outside brackets; each bracket holds numbers and ranges, padded to the width of the range's
 * first number; several brackets in one name multiply, the leftmost varying slowest.
 */
public final class HostList {
    private HostList() {
    }

    /** The hosts of expression; an IllegalArgumentException quoting it when it is not a host list. */
    public static List<String> expand(String expression) {
        List<String> hosts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= expression.length(); i++) {
            char c = i < expression.length() ? expression.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (depth < 0 || depth > 1) {
                throw invalid(expression, "brackets do not pair");
            }
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                if (i > start) {
                    hosts.addAll(expandName(expression, expression.substring(start, i)));
                }
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw invalid(expression, "brackets do not pair");
        }
        if (hosts.isEmpty()) {
            throw invalid(expression, "it names no host");
        }
        return hosts;
    }

    /** One name with brackets: the text before the first bracket, then the rest expanded and prefixed. */
    private static List<String> expandName(String expression, String name) {
        int open = name.indexOf('[');
        if (open < 0) {
            return List.of(name);
        }
        int close = name.indexOf(']', open);
        if (close < 0) {
            throw invalid(expression, "brackets do not pair");
        }
        String rest = name.substring(close + 1);
        if (!rest.isEmpty() && rest.indexOf('[') < 0) {
            throw invalid(expression, "text follows the last bracket in '" + name + "'");
        }
        List<String> tails = rest.isEmpty() ? List.of("") : expandName(expression, rest);
        List<String> out = new ArrayList<>();
        for (String number : numbers(expression, name.substring(open + 1, close))) {
            for (String tail : tails) {
                out.add(name.substring(0, open) + number + tail);
            }
        }
        return out;
    }

    /** "01-04,07": the numbers of a bracket, as text padded to the width of each range's first number. */
    private static List<String> numbers(String expression, String ranges) {
        List<String> out = new ArrayList<>();
        for (String range : ranges.split(",", -1)) {
            int dash = range.indexOf('-');
            String lo = dash < 0 ? range : range.substring(0, dash);
            String hi = dash < 0 ? range : range.substring(dash + 1);
            if (!isNumber(lo) || !isNumber(hi) || lo.length() > 9 || hi.length() > 9) {
                throw invalid(expression, "'" + range + "' is not a number or a range of numbers");
            }
            int from = Integer.parseInt(lo);
            int to = Integer.parseInt(hi);
            if (to < from) {
                throw invalid(expression, "the range '" + range + "' runs backwards");
            }
            if (to - from >= 1_000_000) {
                throw invalid(expression, "the range '" + range + "' is too long");
            }
            String format = "%0" + lo.length() + "d";
            for (int n = from; n <= to; n++) {
                out.add(String.format(format, n));
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException invalid(String expression, String why) {
        return new IllegalArgumentException("cannot read the host list '" + expression + "': " + why);
    }
}
