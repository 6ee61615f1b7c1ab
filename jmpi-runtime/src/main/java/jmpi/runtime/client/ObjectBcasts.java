package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.Request;
import jmpi.runtime.coll.BcastStreamed;
import jmpi.runtime.link.Netty;
import jmpi.runtime.p2p.Outgoing;
import jmpi.runtime.serial.ObjectAssembly;
import jmpi.runtime.serial.Pieces;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Object bcast among the ranks, of any size. Only the root knows the object's size, so every rank
 * starts the collective of an object bcast as before; an object below 2 GiB serialized goes down it
 * whole, a larger one sends a note with its size instead and then streams as a large buffer does
 * ({@link BcastStreamed}): from the root's pieces, into each rank's {@link ObjectAssembly}. Each call
 * takes a second sequence number for that stream, on every rank alike, used or not.
 */
final class ObjectBcasts {
    private final CommCore comm;
    private final ObjectCalls objects;

    ObjectBcasts(CommCore comm, ObjectCalls objects) {
        this.comm = comm;
        this.objects = objects;
    }

    /** What the collective gave a rank: the object, or the size of the stream that brings it. */
    private record Got(Object value, long streamed) {
    }

    @SuppressWarnings("unchecked")
    <T> Request<T> ibcast(T obj, int root) {
        boolean isRoot = comm.rank() == root;
        Outgoing stream = null;
        ByteBuf[] parts = Parts.NONE;
        if (isRoot) {
            ByteBuf[] pieces = comm.serial().toPartOrPieces(obj, comm::newPart, Netty.LARGEST_PAYLOAD);
            long bytes = Parts.readable(pieces);
            if (bytes > Netty.LARGEST_PAYLOAD) {
                stream = Outgoing.of(pieces);
                parts = new ByteBuf[] {Pieces.announcing(bytes)};
            } else {
                parts = pieces;
            }
        }
        FutureRequest<Got> first;
        try {
            first = (FutureRequest<Got>) comm.collective(Kind.BCAST, root, 0, parts, reply -> {
                long streamed = reply.parts().length == 0 ? -1 : Pieces.announced(reply.parts()[0]);
                return new Got(streamed >= 0 ? null : objects.first(reply), streamed);
            });
        } catch (RuntimeException e) {
            if (stream != null) {
                stream.release();
            }
            throw e;
        }
        long seq = comm.nextSeq();
        FutureRequest<T> result = new FutureRequest<>();
        if (comm.data() != null) {
            result.drivenBy(comm.data().driver());
        }
        if (stream != null) {
            // the root streams at once; the others join once the note has reached them
            Outgoing from = stream;
            FutureRequest<Void> sent = StreamedBcasts.start(comm, seq, root, 0, buffer(from.bytes(), from, null));
            sent.whenDone((v, e) -> from.release());
            first.whenDone((got, e) -> sent.whenDone((v, e2) -> end(result, obj, e != null ? e : e2)));
            return result;
        }
        first.whenDone((got, e) -> {
            if (e != null || got.streamed() < 0) {
                end(result, e == null ? (T) got.value() : null, e);
                return;
            }
            ObjectAssembly into = new ObjectAssembly(got.streamed());
            StreamedBcasts.start(comm, seq, root, 0, buffer(got.streamed(), null, into)).whenDone((v, e2) -> {
                if (e2 != null) {
                    into.release();
                    end(result, null, e2);
                    return;
                }
                ByteBuf[] pieces = into.pieces();
                try {
                    end(result, (T) comm.serial().fromPieces(pieces), null);
                } catch (RuntimeException failed) {
                    end(result, null, failed);
                } finally {
                    Parts.release(pieces);
                }
            });
        });
        return result;
    }

    private static <T> void end(FutureRequest<T> r, T value, Throwable e) {
        if (e != null) {
            r.fail(FutureRequest.unwrap(e));
        } else {
            r.complete(value, null);
        }
    }

    /** The stream's bytes: read from the root's pieces, written at the others into their assembly. */
    private static BcastStreamed.Buffer buffer(long bytes, Outgoing from, ObjectAssembly into) {
        return new BcastStreamed.Buffer() {
            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public ByteBuf read(long offset, int length) {
                return from.chunk(offset, length);
            }

            @Override
            public void write(long offset, ByteBuf chunk) {
                into.write(chunk);
            }
        };
    }
}
