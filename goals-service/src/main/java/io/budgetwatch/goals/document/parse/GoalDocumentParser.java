package io.budgetwatch.goals.document.parse;

import java.util.List;
import java.util.Locale;

/**
 * Reads a goal document (绩效目标表) in one of three forms: the text a Word document is exported to,
 * a Word .docx, or an Excel .xlsx (the documented template, or a sheet laid out like the Word table).
 * Stateless and thread-safe. Blocking (Apache POI): call it on a worker thread.
 */
public final class GoalDocumentParser {
    public static final String TEXT = "text/plain";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Media types accepted by {@link #parse}. */
    public static final List<String> MEDIA_TYPES = List.of(TEXT, DOCX, XLSX);

    /**
     * Media type parameters such as ;charset=utf-8 are ignored (text must be UTF-8; a UTF-8 BOM is
     * accepted). fiscalYearHint may be null; otherwise it wins over inference. Throws
     * DocumentRejectedException, never anything else, for bad input.
     */
    public ParsedDocument parse(byte[] body, String mediaType, Integer fiscalYearHint) {
        if (body == null || body.length == 0) {
            throw empty();
        }
        String type = baseType(mediaType);
        try {
            RawDocument raw;
            switch (type) {
                case TEXT -> {
                    String text = TextReader.decode(body);
                    if (text.isBlank()) {
                        throw empty();
                    }
                    raw = LayoutParser.parse(TextReader.read(text));
                }
                case DOCX -> raw = LayoutParser.parse(DocxReader.read(body));
                case XLSX -> raw = XlsxReader.read(body);
                default -> throw new DocumentRejectedException("unsupported-media-type", "Content-Type",
                        "不支持的文档类型“" + mediaType + "”，可用：" + String.join("、", MEDIA_TYPES),
                        "unsupported media type \"" + mediaType + "\"; use one of " + String.join(", ", MEDIA_TYPES));
            }
            return Assembler.assemble(raw, fiscalYearHint);
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a reader tripped over something it did not foresee: still the document's fault, never a 500
            throw new DocumentRejectedException("unreadable-document", null, null, null, null, null, null,
                    "文档无法读取（" + e.getClass().getSimpleName() + "）",
                    "the document cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    static String baseType(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static DocumentRejectedException empty() {
        return new DocumentRejectedException("empty-document", "body", "文档为空", "the document is empty");
    }
}
