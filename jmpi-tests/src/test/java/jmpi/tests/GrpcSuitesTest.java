package jmpi.tests;

import java.util.Map;
import java.util.stream.IntStream;

/** The rank-side suites with every rank on its own gRPC stream to the coordinator. */
class GrpcSuitesTest extends LauncherSuitesTest {

    static IntStream rankCounts() {
        return IntStream.of(2, 4);
    }

    @Override
    Map<String, String> transport() {
        return Map.of("JMPI_PROTO", "grpc");
    }

    @Override
    String carrier() {
        return "grpc";
    }
}
