package io.budgetwatch.common.persistence;

import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Runs an action once the transaction of a reactive client commits, and never when it rolls back: what a store
 * counts (meters) counts what was committed, whichever path wrote it. Completion handlers run in the order they were
 * added, before the commit's own caller goes on, so a count is visible when the caller's transaction has finished.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** {@code action} after {@code tx}'s transaction commits; at once when {@code tx} is not in a transaction. */
    public static void run(SqlClient tx, Runnable action) {
        Transaction transaction = tx instanceof SqlConnection conn ? conn.transaction() : null;
        if (transaction == null) {
            action.run();
            return;
        }
        transaction.completion().subscribe().with(done -> action.run(), rolledBack -> { });
    }
}
