package dev.attune.admin.understand;

import dev.attune.platform.api.InvalidInputException.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contacts file as record linkage reads it: its text (UTF-8, else Windows-1252), a sample of what it looks like, and
 * the service's complaints about it in words a person fixing the file can follow.
 */
final class ContactsFile {
    /** A sample of five contacts: c-1001 and c-1002 are likely one person, and so are c-1003 and c-1004. */
    static final String SAMPLE = """
            id,user_id,email,phone,given_name,surname,date_of_birth,street,postcode,city,state
            c-1001,u-42,ann.smith@example.com,+44 20 7946 0958,Ann,Smith,1984-03-12,12 High Street,SW1A 1AA,London,
            c-1002,,annsmith@example.com,020 7946 0958,Anne,Smyth,19840312,12 High St,SW1A 1AA,London,
            c-1003,,jo.bloggs@example.org,,Bloggs,Jo,1990-07-01,3 Mill Lane,M1 1AE,Manchester,
            c-1004,u-58,joe.bloggs@example.org,+44 161 496 0000,Jo,Bloggs,1990-07-01,3 Mill Ln,M1 1AE,Manchester,
            c-1005,u-77,li.wei@example.net,+1 415 555 0100,Wei,Li,1975-11-30,500 Market St,94105,San Francisco,CA
            """;

    /** "rows/12/email": the service's name for a field of a row of the file. */
    private static final Pattern ROW_FIELD = Pattern.compile("rows/(\\d+)(?:/(.+))?");

    private ContactsFile() {}

    /** "rows/12/email" "is not an email address" as "Row 12 after the header, email: is not an email address". */
    static String describe(FieldError f) {
        Matcher m = ROW_FIELD.matcher(f.field());
        if (m.matches()) {
            long row = Long.parseLong(m.group(1));
            return "Row " + row + " after the header" + (m.group(2) == null ? "" : ", " + m.group(2)) + ": "
                    + f.message();
        }
        return switch (f.field()) {
            case "(file)" -> "The file " + f.message();
            case "match" -> "Link from probability: " + f.message();
            case "review" -> "Review from: " + f.message();
            default -> capitalise(f.field()) + ": " + f.message();
        };
    }

    /** The file's text and, when it was not UTF-8, a note saying how it was read. */
    record Decoded(String text, String note) {}

    /**
     * The file as text: UTF-8 (without the byte order mark spreadsheets put first, which would rename the "id" column),
     * else Windows-1252, the usual encoding of a spreadsheet's "CSV" export on Windows.
     */
    static Decoded decode(byte[] data) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
            return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        } catch (CharacterCodingException e) {
            return new Decoded(
                    new String(data, Charset.forName("windows-1252")),
                    "The file was not UTF-8 and was read as Windows-1252: check names with accents in the review queue.");
        }
    }

    /** Whether the header row is separated by semicolons (a spreadsheet's "CSV" in some locales) instead of commas. */
    static boolean semicolons(byte[] data) {
        String text = decode(data).text();
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.contains(";") && !header.contains(",");
    }

    /** A file size in B, KB or MB. */
    static String size(int bytes) {
        return bytes < 1024
                ? bytes + " B"
                : bytes < 1024 * 1024
                        ? (bytes / 1024) + " KB"
                        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
