package io.budgetwatch.goals.document;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.goals.document.parse.GoalDocumentParser;
import io.budgetwatch.common.problem.Params;
import io.smallrye.mutiny.Uni;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Path("/api/goal-documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "goal documents", description = "绩效目标表: import and stored originals")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class GoalDocumentResource {

    @Inject
    Caller caller;

    static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    @Inject
    GoalDocumentImporter importer;

    @Inject
    GoalDocumentRepository documents;

    @POST
    @RolesAllowed(Roles.PLANNER)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a goal document (绩效目标表): text export (text/plain; charset=utf-8), Word (.docx) "
            + "or Excel (.xlsx). 201 with the import report; 200 with the same report when the same document "
            + "is already the latest version; 422 problem naming table/row/cell when it cannot be understood")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/plain", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            @Content(mediaType = GoalDocumentParser.DOCX, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
            @Content(mediaType = GoalDocumentParser.XLSX, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))})
    public Uni<Response> importDocument(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                        @QueryParam("fiscalYear") String fiscalYear, HttpHeaders headers) {
        Integer hint = Params.year(fiscalYear, "fiscalYear");
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        String[] types = mediaTypes(contentType);
        return importer.importDocument(body == null ? new byte[0] : body, types[0], types[1], hint, caller.snapshot())
                .map(outcome -> Response.status(outcome.created() ? 201 : 200)
                        .location(URI.create("/api/goal-documents/" + outcome.report().documentId()))
                        .entity(outcome.report().localized(lang))
                        .build());
    }

    /** {stored media type, parser media type}, or 415 for anything the importer does not read. */
    static String[] mediaTypes(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        String base = type == null ? null : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (GoalDocumentParser.DOCX.equals(base)) {
            return new String[] {GoalDocumentParser.DOCX, GoalDocumentParser.DOCX};
        }
        if (GoalDocumentParser.XLSX.equals(base)) {
            return new String[] {GoalDocumentParser.XLSX, GoalDocumentParser.XLSX};
        }
        if (GoalDocumentParser.TEXT.equals(base)) {
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            if (charset != null && !isUtf8(charset)) {
                throw new ProblemException(415, "unsupported-charset", "Content-Type",
                        "文本文档须为 UTF-8 编码，收到的字符集：" + charset,
                        "A text document must be UTF-8, got charset " + charset, null,
                        Map.of("supported", List.of(TEXT_UTF8)));
            }
            return new String[] {TEXT_UTF8, GoalDocumentParser.TEXT};
        }
        throw new ProblemException(415, "unsupported-media-type", "Content-Type",
                "不支持的文档类型：" + contentType + "。支持：UTF-8 文本、Word（.docx）、Excel（.xlsx）",
                "Unsupported document type: " + contentType + ". Supported: UTF-8 text, Word (.docx), Excel (.xlsx)",
                null, Map.of("supported", List.of(TEXT_UTF8, GoalDocumentParser.DOCX, GoalDocumentParser.XLSX)));
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.strip().replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }

    @GET
    @Operation(summary = "List stored goal document versions, optionally of one agency and fiscal year")
    public Uni<List<GoalDocumentSummary>> list(@QueryParam("agency") String agency, @QueryParam("year") String year) {
        return documents.list(caller.agencyFor(Params.agency(agency, "agency")), Params.year(year, "year"),
                caller.agencyFilter());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A stored goal document version: metadata, link to the original bytes, import report")
    public Uni<GoalDocumentView> get(@PathParam("id") String id, HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        UUID documentId = Params.documentId(id);
        return documents.find(documentId).map(view -> {
            if (view == null) {
                throw notFound(id);
            }
            if (!caller.sees(view.agencyCode())) {
                throw AccessProblems.hidden(notFound(id), "goal document " + id);
            }
            return new GoalDocumentView(view.id(), view.agencyCode(), view.agencyName(), view.fiscalYear(),
                    view.version(), view.latest(), view.mediaType(), view.sizeBytes(), view.sha256(),
                    view.receivedAt(), view.originalUrl(), view.report().localized(lang));
        });
    }

    @GET
    @Path("{id}/original")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The stored original bytes of a goal document version, with its media type")
    public Uni<Response> original(@PathParam("id") String id) {
        UUID documentId = Params.documentId(id);
        return documents.original(documentId).map(original -> {
            if (original == null) {
                throw notFound(id);
            }
            if (!caller.sees(original.agencyCode())) {
                throw AccessProblems.hidden(notFound(id), "goal document " + id);
            }
            String extension = original.mediaType().startsWith("text/") ? "txt"
                    : GoalDocumentParser.DOCX.equals(original.mediaType()) ? "docx" : "xlsx";
            return Response.ok(original.bytes(), original.mediaType())
                    .header("Content-Disposition", "inline; filename=\"goal-document-" + original.agencyCode() + "-"
                            + original.fiscalYear() + "-v" + original.version() + "." + extension + "\"")
                    .build();
        });
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("goal-document-not-found", "id", "未找到绩效目标文档：" + id,
                "No goal document with id " + id);
    }
}
