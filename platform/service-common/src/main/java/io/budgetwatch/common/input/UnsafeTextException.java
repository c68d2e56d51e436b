package io.budgetwatch.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.budgetwatch.common.problem.ProblemCarrier;
import io.budgetwatch.common.problem.ProblemException;

/**
 * A JSON request body string holds a character {@link SafeText.Policy#BODY} refuses. Jackson adds the
 * field path as the exception travels up; the problem mapper answers 400 naming it.
 */
public class UnsafeTextException extends MismatchedInputException implements ProblemCarrier {

    private final transient SafeText.Finding finding;

    UnsafeTextException(JsonParser parser, SafeText.Finding finding) {
        super(parser, finding.messageEn("a string"), String.class);
        this.finding = finding;
    }

    public SafeText.Finding finding() {
        return finding;
    }

    @Override
    public ProblemException problemAt(String field) {
        return finding.problem(400, field);
    }
}
