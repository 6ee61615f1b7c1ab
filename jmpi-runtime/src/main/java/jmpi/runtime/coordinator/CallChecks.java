package jmpi.runtime.coordinator;

import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.SendCall;

/** Checks of a call's fields that no later step could recover from. */
final class CallChecks {
    private CallChecks() {
    }

    /** Why a call's element type is unknown, or null when it names none (objects) or a known one. */
    static String elementType(Call c) {
        int t = c instanceof CollCall cc ? cc.elemType() : c instanceof SendCall s ? s.elemType() : 0;
        if (t == 0 || ElementType.isCode(t)) {
            return null;
        }
        return "unknown buffer element type " + t;
    }
}
