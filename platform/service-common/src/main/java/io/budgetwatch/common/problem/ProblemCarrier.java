package io.budgetwatch.common.problem;

/**
 * An exception of a library (e.g. Jackson's, thrown while reading a body) that knows the problem it stands for; the
 * problem mappers answer that problem, at the field the library found.
 */
public interface ProblemCarrier {

    /** The problem, with {@code field} the location the library reported (or {@code body}). */
    ProblemException problemAt(String field);
}
