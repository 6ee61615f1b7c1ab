package jmpi.transport.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.netty.buffer.ByteBuf;

/**
 * The one gRPC method a coordinator serves, {@code jmpi.Coordinator/Frames}: a bidirectional stream
 * per rank whose messages are frames, defined by hand (no protoc) with a marshaller of raw bytes.
 */
final class FramesService {
    static final String SERVICE = "jmpi.Coordinator";

    static final MethodDescriptor<ByteBuf, ByteBuf> FRAMES = MethodDescriptor.<ByteBuf, ByteBuf>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Frames"))
            .setRequestMarshaller(ByteBufMarshaller.INSTANCE)
            .setResponseMarshaller(ByteBufMarshaller.INSTANCE)
            .build();

    private FramesService() {
    }

    static ServerServiceDefinition definition(ServerCallHandler<ByteBuf, ByteBuf> handler) {
        return ServerServiceDefinition.builder(SERVICE).addMethod(FRAMES, handler).build();
    }
}
