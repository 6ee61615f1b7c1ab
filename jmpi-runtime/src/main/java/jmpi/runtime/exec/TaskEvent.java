package jmpi.runtime.exec;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jmpi.exec.Task;

/** One task of a task pool as JDK Flight Recorder sees it on the root: from its first send to its end. */
@Name("jmpi.Task")
@Label("jmpi Task")
@Category("jmpi")
@Description("A task of a task pool, from when the root first sent it to when its result arrived")
final class TaskEvent extends Event {
    @Label("Task")
    String task;

    @Label("Worker")
    @Description("The rank that ran it last")
    int worker;

    @Label("Runs")
    @Description("How often it was sent: 2 when its first worker failed")
    int runs;

    @Label("Failed")
    boolean failed;

    /** A started event for task, or null when Flight Recorder does not record it. */
    static TaskEvent begin(Task<?> task) {
        TaskEvent ev = new TaskEvent();
        if (!ev.isEnabled()) {
            return null;
        }
        ev.task = task.getClass().getName();
        ev.begin();
        return ev;
    }

    static void end(TaskEvent ev, int worker, int runs, boolean failed) {
        if (ev == null) {
            return;
        }
        ev.end();
        if (ev.shouldCommit()) {
            ev.worker = worker;
            ev.runs = runs;
            ev.failed = failed;
            ev.commit();
        }
    }
}
