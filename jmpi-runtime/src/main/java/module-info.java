/** The jmpi runtime: coordinator, client, wire protocol, transports and launcher. */
module jmpi.runtime {
    requires jmpi;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.codec.mqtt;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    // the native library, a resource of a module of its own: unless a module requires it, it is not in
    // the boot layer, Netty cannot find it, and every event loop falls back to NIO (elsewhere than
    // x86-64 Linux the module is there but its library does not load, and Netty falls back just the same)
    requires io.netty.transport.epoll.linux.x86_64;
    requires org.apache.fory.core;
    requires info.picocli;
    requires java.logging;
    // a rank's counters as an MBean, when -Djmpi.jmx=true asks for them
    requires java.management;
    requires jdk.httpserver;
    requires jdk.jfr;

    // transports that live in modules of their own implement this
    exports jmpi.runtime.link to jmpi.transport.grpc;
    exports jmpi.runtime.wire to jmpi.transport.grpc, jmpi.jmh;
    // for the micro-benchmarks of serialization and reductions
    exports jmpi.runtime.serial to jmpi.jmh;
    exports jmpi.runtime.elem to jmpi.jmh;

    opens jmpi.runtime.launch to info.picocli;

    uses jmpi.op.Registration;
    uses jmpi.runtime.link.Transport;

    provides jmpi.spi.RuntimeProvider with jmpi.runtime.JmpiRuntime;
    provides jmpi.spi.TaskPools with jmpi.runtime.exec.RuntimeTaskPools;
    provides jmpi.spi.Windows with jmpi.runtime.rma.RuntimeWindows;
}
