/** The jmpi runtime: coordinator, client, wire protocol, transports and launcher. */
module jmpi.runtime {
    requires jmpi;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires org.apache.fory.core;
    requires info.picocli;
    requires java.logging;
    requires jdk.httpserver;
    requires jdk.jfr;

    opens jmpi.runtime.launcher to info.picocli;

    uses jmpi.op.Registration;

    provides jmpi.spi.RuntimeProvider with jmpi.runtime.JmpiRuntime;
}
