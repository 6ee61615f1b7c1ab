package jmpi.runtime.coordinator;

/**
 * How the coordinator completes one kind of operation once every member's call has arrived: it
 * answers every member through {@link FoldContext#replyAll}, or throws, and then every member gets
 * the error. One class per kind; {@link Folds} chooses.
 */
interface Fold {
    void complete(Pending p, FoldContext ctx);
}
