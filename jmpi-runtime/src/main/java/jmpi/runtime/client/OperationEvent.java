package jmpi.runtime.client;

import java.util.concurrent.CompletableFuture;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One jmpi operation as JDK Flight Recorder sees it: from the call to its completion on this rank. */
@Name("jmpi.Operation")
@Label("jmpi Operation")
@Category("jmpi")
@Description("A collective, point-to-point or custom operation of one rank")
final class OperationEvent extends Event {
    @Label("Operation")
    String operation;

    @Label("Communicator")
    int communicator;

    @Label("Group Size")
    int groupSize;

    @Label("Bytes Sent")
    @DataAmount
    long bytes;

    @Label("Failed")
    boolean failed;

    @Label("Carrier")
    @Description("How the rank reaches the coordinator: tcp, mqtt, grpc, with +TLSv1.3 when encrypted, or in-process")
    String carrier;

    /** Times {@code completion} from now until it completes, if Flight Recorder records this event. */
    static void record(CompletableFuture<?> completion, String operation, int communicator, int groupSize, long bytes,
                       String carrier) {
        OperationEvent ev = new OperationEvent();
        if (!ev.isEnabled()) {
            return;
        }
        ev.begin();
        completion.whenComplete((v, e) -> {
            ev.end();
            if (ev.shouldCommit()) {
                ev.operation = operation;
                ev.communicator = communicator;
                ev.groupSize = groupSize;
                ev.bytes = bytes;
                ev.failed = e != null;
                ev.carrier = carrier;
                ev.commit();
            }
        });
    }
}
