package io.budgetwatch.goals.document.parse;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public class DocumentRejectedException extends RuntimeException {
    private final String code;
    private final Integer table;
    private final Integer row;
    private final Integer cell;
    private final String location;
    private final String messageZh;
    private final String messageEn;

    public DocumentRejectedException(String code, Integer table, Integer row, Integer cell, String location,
                                     String messageZh, String messageEn) {
        super(code + ": " + messageEn);
        this.code = code;
        this.table = table;
        this.row = row;
        this.cell = cell;
        this.location = location;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
    }

    public String code() { return code; }
    public Integer table() { return table; }
    public Integer row() { return row; }
    public Integer cell() { return cell; }
    public String location() { return location; }
    public String messageZh() { return messageZh; }
    public String messageEn() { return messageEn; }
}
