package io.budgetwatch.goals.document.parse;

import jakarta.enterprise.context.ApplicationScoped;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
@ApplicationScoped
public final class GoalDocumentParser {
    public static final String TEXT = "text/plain";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public ParsedDocument parse(byte[] body, String mediaType, Integer fiscalYearHint) {
        throw new DocumentRejectedException("parser-missing", null, null, null, null,
                "解析器尚未合并", "The parser has not landed yet");
    }
}
