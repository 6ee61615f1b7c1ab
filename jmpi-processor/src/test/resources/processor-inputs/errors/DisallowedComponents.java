package demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import jmpi.op.Payload;

@Payload
record DisallowedComponents(
        List<BinaryOperator<Integer>> reducers,
        Comparator<String> order,
        List raw,
        List<? extends Number> wild,
        String[] names,
        Object anything,
        ArrayList<String> arrayList,
        Thread thread,
        Map<String, Set<Plain>> plains) {

    record Plain(int x) {
    }
}
