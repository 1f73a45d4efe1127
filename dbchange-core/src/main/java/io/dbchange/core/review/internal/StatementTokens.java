package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;

/**
 * A statement's (or a fragment's) tokens for rules: comments and white space dropped, string literals and quoted
 * identifiers one token each. Rules that look for keywords ask here instead of matching regular expressions over the
 * raw text, so a keyword inside a comment or a string literal neither triggers nor hides a finding.
 */
public final class StatementTokens {

    private final List<Token> tokens;

    private StatementTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The tokens of {@code statement}'s text. */
    public static StatementTokens of(ParsedStatement statement, Dialect dialect) {
        return new StatementTokens(Tokenizer.tokenize(statement.statement().sql(), dialect));
    }

    /** The tokens of a piece of SQL, such as a column's default expression. */
    public static StatementTokens of(String sql, Dialect dialect) {
        return new StatementTokens(Tokenizer.tokenize(sql, dialect));
    }

    /** The number of tokens. */
    public int size() {
        return tokens.size();
    }

    /** Whether token {@code i} is the unquoted word {@code word}, ignoring case (false past the end). */
    public boolean isWord(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).is(word);
    }

    /** Whether token {@code i} is the symbol {@code symbol} (false past the end). */
    public boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isSymbol(symbol);
    }

    /** Whether token {@code i} is a number. */
    public boolean isNumber(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Token.Kind.NUMBER;
    }

    /** Whether token {@code i} is an unquoted word (keyword or identifier). */
    public boolean isAnyWord(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD;
    }

    /** Token {@code i}'s text as written. */
    public String text(int i) {
        return tokens.get(i).text();
    }

    /** Offset of token {@code i} in the statement's text. */
    public int start(int i) {
        return tokens.get(i).start();
    }

    /** Whether the unquoted words {@code words} follow each other somewhere in the tokens. */
    public boolean containsWords(String... words) {
        return indexOfWords(0, words) >= 0;
    }

    /** The first index at or after {@code from} where the unquoted words {@code words} follow each other, or -1. */
    public int indexOfWords(int from, String... words) {
        for (int i = Math.max(0, from); i + words.length <= tokens.size(); i++) {
            boolean all = true;
            for (int k = 0; k < words.length && all; k++) {
                all = tokens.get(i + k).is(words[k]);
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first token at or after {@code position} of {@code statement}'s script (e.g. a clause position
     * the model recorded), or {@link #size()}.
     */
    public int indexAt(ParsedStatement statement, SourcePosition position) {
        int offset = position.offset() - statement.statement().start().offset();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).start() >= offset) {
                return i;
            }
        }
        return tokens.size();
    }

    /** Parenthesis depth just before token {@code i}: 0 at the statement's top level. */
    public int depth(int i) {
        int depth = 0;
        for (int k = 0; k < i && k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")")) {
                depth = Math.max(0, depth - 1);
            }
        }
        return depth;
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or {@link #size()} when it is not closed. */
    public int closing(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }
}
