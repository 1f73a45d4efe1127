package io.dbchange.core.sql.internal;

/** Character classes shared by the scanners. */
final class Chars {

    private Chars() {}

    /** White space that separates tokens; a byte order mark counts, so that a BOM at the start is trivia. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B' || c == '\uFEFF';
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** MySQL unquoted identifier characters (which also make up numbers): ASCII letters, digits, {@code _ $}, non-ASCII. */
    static boolean isMySqlWordChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '$'
                || (c >= 0x80 && c != '\uFEFF');
    }

    /** PostgreSQL identifier start (digits too, so that numbers lex as one word): letters, digits, {@code _}, non-ASCII. */
    static boolean isPostgresWordStart(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || (c >= 0x80 && c != '\uFEFF');
    }

    /** PostgreSQL identifier continuation: a start character or {@code $}. */
    static boolean isPostgresWordPart(char c) {
        return isPostgresWordStart(c) || c == '$';
    }

    /** First character of a dollar-quote tag: a letter, {@code _} or non-ASCII (never a digit or {@code $}). */
    static boolean isDollarTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** Later characters of a dollar-quote tag: a tag start or a digit. */
    static boolean isDollarTagPart(char c) {
        return isDollarTagStart(c) || (c >= '0' && c <= '9');
    }
}
