package jmpi.runtime.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.mqtt.MqttTransport;
import jmpi.runtime.link.tcp.TcpTransport;

/** Finds the transport that {@code JMPI_PROTO} names: TCP and MQTT are built in, others come as modules. */
public final class Transports {
    private Transports() {
    }

    public static Transport of(Config config) {
        String name = config.proto() == null ? "tcp" : config.proto().toLowerCase(Locale.ROOT);
        if (name.equals("tcp")) {
            return TcpTransport.INSTANCE;
        } else if (name.equals("mqtt")) {
            return MqttTransport.INSTANCE;
        }
        List<String> known = new ArrayList<>(List.of("tcp", "mqtt"));
        for (Transport t : ServiceLoader.load(Transport.class, Transports.class.getClassLoader())) {
            if (t.name().equals(name)) {
                return t;
            }
            known.add(t.name());
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            for (Transport t : ServiceLoader.load(Transport.class, context)) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
        }
        throw new MPIException(MPI.ERR_ARG, "JMPI_PROTO=" + name + " names no transport here; known: " + known
                + (name.equals("grpc") ? " (the gRPC transport is the module jmpi.transport.grpc: put it on the"
                        + " module path or class path)" : ""));
    }
}
