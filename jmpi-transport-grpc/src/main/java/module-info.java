/**
 * The gRPC transport of jmpi ({@code JMPI_PROTO=grpc}): every rank's frames travel on one
 * bidirectional gRPC stream. On the module path next to the runtime, it is found as a service.
 *
 * <p>grpc-java's jars, Guava and PerfMark are automatic modules: they read every module but require
 * none, so nothing makes the boot layer resolve the named modules they need, and tools that build
 * a module path from the descriptors leave them out. This module requires, on their behalf, what
 * gRPC needs at run time; without it gRPC fails on its first stream with a NoClassDefFoundError.
 */
module jmpi.transport.grpc {
    requires jmpi;
    requires jmpi.runtime;
    requires io.grpc;
    requires io.grpc.netty;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    // on behalf of grpc-netty, grpc-core and Guava
    requires io.grpc.internal;
    requires io.netty.codec.http2;
    requires com.google.common;
    requires com.google.common.util.concurrent.internal;
    requires io.perfmark;

    provides jmpi.runtime.link.Transport with jmpi.transport.grpc.GrpcTransport;
}
