package cn.titlecert.persistence;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must follow the current transaction's commit, never a rollback; at once when there is no transaction. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code action} once the current transaction has committed (not at all if it rolls back), or now when no
     * transaction is active. After the commit that transaction is still bound to the thread: an action that writes
     * must open a transaction of its own.
     */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
