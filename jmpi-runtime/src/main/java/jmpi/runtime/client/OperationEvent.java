package jmpi.runtime.client;

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
}
