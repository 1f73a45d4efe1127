package io.dbchange.core.review.internal;

import java.util.Locale;

/**
 * One token of a statement.
 *
 * @param kind what it is
 * @param text the raw text as written
 * @param value a word or identifier without quotes; a string's content without quotes
 * @param start offset of the first character in the statement text
 * @param end offset just after the last character
 */
record Token(Kind kind, String text, String value, int start, int end) {

    enum Kind {
        /** An unquoted word: keyword or identifier. */
        WORD,
        /** A quoted identifier ({@code `x`} or {@code "x"}). */
        QUOTED,
        STRING,
        NUMBER,
        /** Punctuation and operators, one or two characters ({@code (}, {@code ,}, {@code ::}, {@code <=}). */
        SYMBOL
    }

    /** Whether this is the unquoted word {@code keyword}, ignoring case. */
    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
