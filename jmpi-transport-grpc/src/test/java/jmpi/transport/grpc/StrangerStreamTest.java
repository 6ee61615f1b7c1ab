package jmpi.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stranger's stream to a coordinator over gRPC, with no job token or another job's in its headers,
 * is closed UNAUTHENTICATED before the coordinator reads a message of it, even one claiming a large
 * frame; and the coordinator goes on serving its own job.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StrangerStreamTest {
    private static final String TOKEN = "stranger-stream-test";

    /** Opens a stream with these headers, sends a message, and returns how the coordinator ended it. */
    private static Status strangerStream(ManagedChannel channel, Metadata headers) throws Exception {
        ClientCall<ByteBuf, ByteBuf> call = channel.newCall(FramesService.FRAMES, CallOptions.DEFAULT);
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, headers);
        call.request(1);
        // a frame claiming a gigabyte: never read, as the stream is refused on its headers
        call.sendMessage(Unpooled.buffer(64).writeInt(1 << 30).writeZero(60));
        return closed.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aStreamWithoutTheJobTokenIsRefusedAndTheJobGoesOn() throws Exception {
        Config base = Config.builder().proto("grpc").port(0).token(TOKEN).waitTime(Duration.ofSeconds(20)).build();
        try (Coordinator coordinator = Coordinator.start(base)) {
            int port = coordinator.address().getPort();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                Status none = strangerStream(channel, new Metadata());
                assertEquals(Status.Code.UNAUTHENTICATED, none.getCode(), none.toString());
                assertTrue(none.getDescription().contains("no job token"), none.getDescription());

                Metadata other = new Metadata();
                other.put(TokenHeader.KEY, "another job".getBytes(StandardCharsets.UTF_8));
                Status wrong = strangerStream(channel, other);
                assertEquals(Status.Code.UNAUTHENTICATED, wrong.getCode(), wrong.toString());
                assertTrue(wrong.getDescription().contains("wrong job token"), wrong.getDescription());
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            try (Session rank = Session.connect(base.toBuilder().addr("127.0.0.1").port(port).rank(0).size(1).build())) {
                assertEquals(42, (int) rank.world().<Integer>allreduce(42));
            }
        }
    }
}
