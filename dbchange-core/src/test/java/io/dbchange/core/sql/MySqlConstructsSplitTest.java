package io.dbchange.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each MySQL/MariaDB construct with the statements it must yield, written {@code "line:column|sql"}
 * (delimiter {@code ;}) or {@code "line:column|sql|delimiter"} (an empty delimiter for a last statement without one),
 * and each unterminated construct with the problem and position it must report.
 *
 * <p>Positions are written by hand. Before the splitter runs, each test checks its own table against the script with a
 * line counter of its own ({@link #offsetOf}): the script must hold the statement's text and delimiter at the written
 * line and column, and the text that opens an unterminated construct at the position of its problem.
 */
class MySqlConstructsSplitTest {

    private static final StatementSplitter MYSQL = StatementSplitter.forDialect(Dialect.MYSQL);

    static Stream<Arguments> constructs() {
        return Stream.of(
                arguments("two statements", "SELECT 1;\nSELECT 2;", List.of("1:1|SELECT 1", "2:1|SELECT 2")),
                arguments(
                        "last statement without delimiter",
                        "SELECT 1;\n  SELECT 2\n",
                        List.of("1:1|SELECT 1", "2:3|SELECT 2|")),
                arguments(
                        "empty statements yield nothing",
                        "SELECT 1;;  ;SELECT 2;",
                        List.of("1:1|SELECT 1", "1:14|SELECT 2")),
                arguments("white space before the delimiter stays", "SELECT 1 ;", List.of("1:1|SELECT 1 ")),
                arguments("comment before the delimiter stays", "SELECT 1 /* c; */;", List.of("1:1|SELECT 1 /* c; */")),
                arguments("empty script", "", List.of()),
                arguments("comments only", "-- a;\n# b;\n/* c; */\n", List.of()),
                arguments("comment-only statement is empty", "/* c */;\n-- d\n;", List.of()),
                arguments("leading comments are trivia", "-- c;\n/* b; */ SELECT 1;", List.of("2:10|SELECT 1")),
                arguments(
                        "trailing comment after the last statement is trivia",
                        "SELECT 1 -- done",
                        List.of("1:1|SELECT 1|")),
                arguments("byte order mark is trivia", "\uFEFFSELECT 1;", List.of("1:2|SELECT 1")),
                arguments("tab counts as one column", "\t\tSELECT 1;", List.of("1:3|SELECT 1")),
                // line endings
                arguments("CRLF line endings", "SELECT 1;\r\nSELECT 2;\r\n", List.of("1:1|SELECT 1", "2:1|SELECT 2")),
                arguments(
                        "lone CR line endings",
                        "SELECT 1;\rSELECT 2;\r  SELECT 3;",
                        List.of("1:1|SELECT 1", "2:1|SELECT 2", "3:3|SELECT 3")),
                arguments(
                        "mixed line endings inside a statement",
                        "SELECT 1;\r\n\n\rSELECT\r\n 2;",
                        List.of("1:1|SELECT 1", "4:1|SELECT\r\n 2")),
                // strings and identifiers
                arguments(
                        "semicolon in single quotes",
                        "SELECT 'a;b'; SELECT 2;",
                        List.of("1:1|SELECT 'a;b'", "1:15|SELECT 2")),
                arguments(
                        "doubled single quote",
                        "SELECT 'it''s;';SELECT 2;",
                        List.of("1:1|SELECT 'it''s;'", "1:17|SELECT 2")),
                arguments(
                        "backslash-escaped single quote",
                        "SELECT 'it\\'s;';SELECT 2;",
                        List.of("1:1|SELECT 'it\\'s;'", "1:17|SELECT 2")),
                arguments(
                        "escaped backslash before the closing quote",
                        "SELECT 'a\\\\';SELECT 2;",
                        List.of("1:1|SELECT 'a\\\\'", "1:14|SELECT 2")),
                arguments(
                        "double-quoted string with escaped and doubled quotes",
                        "SELECT \"a;\\\"b\"\"c\";SELECT 2;",
                        List.of("1:1|SELECT \"a;\\\"b\"\"c\"", "1:19|SELECT 2")),
                arguments(
                        "backtick identifier with doubled backtick",
                        "SELECT `a;``b` FROM t;SELECT 2;",
                        List.of("1:1|SELECT `a;``b` FROM t", "1:23|SELECT 2")),
                arguments(
                        "backslash is literal in backticks",
                        "SELECT `a\\`;SELECT 2;",
                        List.of("1:1|SELECT `a\\`", "1:13|SELECT 2")),
                arguments(
                        "comment markers inside strings",
                        "SELECT '-- x', \"/* y\", `# z`;SELECT 2;",
                        List.of("1:1|SELECT '-- x', \"/* y\", `# z`", "1:30|SELECT 2")),
                arguments(
                        "charset introducer and hex literal",
                        "SELECT _utf8mb4'a;', X'3B', N'b;';",
                        List.of("1:1|SELECT _utf8mb4'a;', X'3B', N'b;'")),
                arguments(
                        "multi-line string keeps positions",
                        "SELECT 'a\nb;';\nSELECT 2;",
                        List.of("1:1|SELECT 'a\nb;'", "3:1|SELECT 2")),
                // comments
                arguments("hash comment", "SELECT 1 # c;\n, 2;", List.of("1:1|SELECT 1 # c;\n, 2")),
                arguments(
                        "hash comment needs no space",
                        "SELECT 1 #c;\n;SELECT 2;",
                        List.of("1:1|SELECT 1 #c;\n", "2:2|SELECT 2")),
                arguments("dash comment needs white space", "SELECT 1 -- c;\n+ 1;", List.of("1:1|SELECT 1 -- c;\n+ 1")),
                arguments("dash comment with a tab", "SELECT 1 --\tc;\n+ 1;", List.of("1:1|SELECT 1 --\tc;\n+ 1")),
                arguments("dash comment at the end of a line", "SELECT 1 --\n+ 1;", List.of("1:1|SELECT 1 --\n+ 1")),
                arguments(
                        "double dash without space is arithmetic",
                        "SELECT 1--1;SELECT 2;",
                        List.of("1:1|SELECT 1--1", "1:13|SELECT 2")),
                arguments(
                        "double dash before a semicolon is arithmetic",
                        "SELECT 1--;\nSELECT 2;",
                        List.of("1:1|SELECT 1--", "2:1|SELECT 2")),
                arguments(
                        "block comment",
                        "SELECT /* ; \n */ 1;SELECT 2;",
                        List.of("1:1|SELECT /* ; \n */ 1", "2:7|SELECT 2")),
                arguments("block comments do not nest", "SELECT /* /* */ 1;", List.of("1:1|SELECT /* /* */ 1")),
                arguments(
                        "optimizer hint stays in its statement",
                        "SELECT /*+ MAX_EXECUTION_TIME(1000); */ a FROM t;SELECT 2;",
                        List.of("1:1|SELECT /*+ MAX_EXECUTION_TIME(1000); */ a FROM t", "1:50|SELECT 2")),
                // versioned comments are code
                arguments(
                        "statements made only of versioned comments",
                        "/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;",
                        List.of("1:1|/*!40101 SET NAMES utf8mb4 */", "2:1|/*!40014 SET FOREIGN_KEY_CHECKS=0 */")),
                arguments(
                        "mysqldump-style space before the delimiter",
                        "/*!50003 SET @saved_cs_client = @@character_set_client */ ;\nSELECT 1;",
                        List.of("1:1|/*!50003 SET @saved_cs_client = @@character_set_client */ ", "2:1|SELECT 1")),
                arguments(
                        "semicolon inside a versioned comment",
                        "/*!50003 SET @a = 1; SET @b = 2 */;SELECT 1;",
                        List.of("1:1|/*!50003 SET @a = 1; SET @b = 2 */", "1:36|SELECT 1")),
                arguments(
                        "quoted comment end inside a versioned comment",
                        "/*!50003 SELECT '*/;' */;SELECT 1;",
                        List.of("1:1|/*!50003 SELECT '*/;' */", "1:26|SELECT 1")),
                arguments(
                        "MariaDB executable comment",
                        "/*M!100101 SET @a = 1; */;SELECT 1;",
                        List.of("1:1|/*M!100101 SET @a = 1; */", "1:27|SELECT 1")),
                arguments("versioned comment without version", "/*! SET @a = 1 */;", List.of("1:1|/*! SET @a = 1 */")),
                // DELIMITER
                arguments(
                        "DELIMITER $$ around a procedure",
                        "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;",
                        List.of("2:1|CREATE PROCEDURE p() BEGIN SELECT 1; END|$$", "4:1|SELECT 2")),
                arguments(
                        "lower-case delimiter //",
                        "delimiter //\nSELECT 1//\nSELECT 2 //\ndelimiter ;\n",
                        List.of("2:1|SELECT 1|//", "3:1|SELECT 2 |//")),
                arguments(
                        "mysqldump ;; delimiter",
                        "DELIMITER ;;\nSELECT 1; SELECT 2;;\nDELIMITER ;\nSELECT 3;",
                        List.of("2:1|SELECT 1; SELECT 2|;;", "4:1|SELECT 3")),
                arguments(
                        "mixed-case DELIMITER with CRLF",
                        "DeLiMiTeR $$\r\nSELECT 1$$\r\nDELIMITER ;\r\nSELECT 2;",
                        List.of("2:1|SELECT 1|$$", "4:1|SELECT 2")),
                arguments(
                        "DELIMITER with lone CR line endings",
                        "DELIMITER //\rSELECT 1//\rSELECT 2//",
                        List.of("2:1|SELECT 1|//", "3:1|SELECT 2|//")),
                arguments(
                        "indented DELIMITER with trailing text",
                        "  Delimiter $$ ignored\nSELECT 1$$",
                        List.of("2:1|SELECT 1|$$")),
                arguments("quoted DELIMITER value", "DELIMITER '//'\nSELECT 1//", List.of("2:1|SELECT 1|//")),
                arguments(
                        "delimiter ends a word",
                        "DELIMITER $$\nSELECT a$$SELECT b$$",
                        List.of("2:1|SELECT a|$$", "2:11|SELECT b|$$")),
                arguments(
                        "delimiter inside a string does not count",
                        "DELIMITER $$\nSELECT '$$'$$",
                        List.of("2:1|SELECT '$$'|$$")),
                arguments(
                        "DELIMITER not at the start of a line is a word",
                        "SELECT 1; DELIMITER $$\nSELECT 2;",
                        List.of("1:1|SELECT 1", "1:11|DELIMITER $$\nSELECT 2")),
                arguments(
                        "DELIMITER inside a statement is a column",
                        "CREATE TABLE t (\ndelimiter VARCHAR(10)\n);",
                        List.of("1:1|CREATE TABLE t (\ndelimiter VARCHAR(10)\n)")),
                arguments("DELIMITER without argument is a word", "DELIMITER\n;", List.of("1:1|DELIMITER\n")),
                // compound bodies without DELIMITER
                arguments(
                        "procedure",
                        "CREATE PROCEDURE p()\nBEGIN\n  DECLARE x INT;\n  SET x = 1;\nEND;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p()\nBEGIN\n  DECLARE x INT;\n  SET x = 1;\nEND",
                                "6:1|SELECT 1")),
                arguments(
                        "procedure with a single-statement body",
                        "CREATE PROCEDURE p() SELECT 1;SELECT 2;",
                        List.of("1:1|CREATE PROCEDURE p() SELECT 1", "1:31|SELECT 2")),
                arguments(
                        "definer with backticks",
                        "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; END;SELECT 2;",
                        List.of(
                                "1:1|CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; END",
                                "1:69|SELECT 2")),
                arguments(
                        "definer with strings, function",
                        "CREATE DEFINER='root'@'%' FUNCTION f() RETURNS INT DETERMINISTIC BEGIN RETURN 1; END;SELECT 2;",
                        List.of(
                                "1:1|CREATE DEFINER='root'@'%' FUNCTION f() RETURNS INT DETERMINISTIC BEGIN RETURN 1; END",
                                "1:86|SELECT 2")),
                arguments(
                        "CURRENT_USER() definer, OR REPLACE",
                        "CREATE OR REPLACE DEFINER = CURRENT_USER() PROCEDURE p() BEGIN SELECT 1; END;",
                        List.of("1:1|CREATE OR REPLACE DEFINER = CURRENT_USER() PROCEDURE p() BEGIN SELECT 1; END")),
                arguments(
                        "function returning an IF() expression",
                        "CREATE FUNCTION f(a INT) RETURNS INT RETURN IF(a > 0, 1, 2);SELECT f(1);",
                        List.of("1:1|CREATE FUNCTION f(a INT) RETURNS INT RETURN IF(a > 0, 1, 2)", "1:61|SELECT f(1)")),
                arguments(
                        "function body that is an IF statement",
                        "CREATE FUNCTION f(a INT) RETURNS INT IF a > 0 THEN RETURN 1; ELSE RETURN 2; END IF;SELECT 1;",
                        List.of(
                                "1:1|CREATE FUNCTION f(a INT) RETURNS INT IF a > 0 THEN RETURN 1; ELSE RETURN 2; END IF",
                                "1:84|SELECT 1")),
                arguments(
                        "IF NOT EXISTS is a clause",
                        "CREATE PROCEDURE IF NOT EXISTS p() BEGIN SELECT 1; END;SELECT 2;",
                        List.of("1:1|CREATE PROCEDURE IF NOT EXISTS p() BEGIN SELECT 1; END", "1:56|SELECT 2")),
                arguments(
                        "trigger with IF inside BEGIN",
                        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN IF NEW.a IS NULL THEN SET NEW.a = 0; END IF;"
                                + " END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN IF NEW.a IS NULL THEN SET NEW.a"
                                        + " = 0; END IF; END",
                                "2:1|SELECT 1")),
                arguments(
                        "trigger with a single-statement body using IF()",
                        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = IF(NEW.a > 1, 1, 0);SELECT 1;",
                        List.of(
                                "1:1|CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = IF(NEW.a > 1, 1, 0)",
                                "1:82|SELECT 1")),
                arguments(
                        "trigger whose body is an IF statement",
                        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a > 1 THEN SET NEW.a = 1; END IF;"
                                + "SELECT 1;",
                        List.of(
                                "1:1|CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a > 1 THEN SET NEW.a = 1; END"
                                        + " IF",
                                "1:90|SELECT 1")),
                arguments(
                        "trigger with FOLLOWS",
                        "CREATE TRIGGER t2 BEFORE INSERT ON x FOR EACH ROW FOLLOWS t1 BEGIN SET NEW.a = 1; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE TRIGGER t2 BEFORE INSERT ON x FOR EACH ROW FOLLOWS t1 BEGIN SET NEW.a = 1; END",
                                "2:1|SELECT 1")),
                arguments(
                        "trigger on a table named data",
                        "CREATE TRIGGER trg BEFORE INSERT ON data FOR EACH ROW SET NEW.a = 1;\nSELECT 2;",
                        List.of(
                                "1:1|CREATE TRIGGER trg BEFORE INSERT ON data FOR EACH ROW SET NEW.a = 1",
                                "2:1|SELECT 2")),
                arguments(
                        "trigger with a body on a table named row",
                        "CREATE TRIGGER trg AFTER DELETE ON row FOR EACH ROW BEGIN DELETE FROM u; END;\nSELECT 2;",
                        List.of(
                                "1:1|CREATE TRIGGER trg AFTER DELETE ON row FOR EACH ROW BEGIN DELETE FROM u; END",
                                "2:1|SELECT 2")),
                arguments(
                        "MariaDB trigger whose body is a FOR loop",
                        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW FOR i IN 1..2 DO SET NEW.a = i; END FOR;\n"
                                + "SELECT 2;",
                        List.of(
                                "1:1|CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW FOR i IN 1..2 DO SET NEW.a = i; END"
                                        + " FOR",
                                "2:1|SELECT 2")),
                arguments(
                        "event with a body",
                        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; INSERT INTO log VALUES (1); END;"
                                + "SELECT 1;",
                        List.of(
                                "1:1|CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; INSERT INTO log VALUES"
                                        + " (1); END",
                                "1:96|SELECT 1")),
                arguments(
                        "event with a single statement",
                        "CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t;SELECT 1;",
                        List.of("1:1|CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t", "1:58|SELECT 1")),
                arguments(
                        "ALTER EVENT with a body",
                        "ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END;SELECT 2;",
                        List.of("1:1|ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END", "1:61|SELECT 2")),
                arguments(
                        "COMMENT characteristic before the body",
                        "CREATE PROCEDURE p() COMMENT 'x;' SQL SECURITY INVOKER BEGIN SELECT 1; END;",
                        List.of("1:1|CREATE PROCEDURE p() COMMENT 'x;' SQL SECURITY INVOKER BEGIN SELECT 1; END")),
                arguments(
                        "loops, labels and nesting",
                        "CREATE PROCEDURE p() BEGIN l: LOOP SET @i = @i + 1; IF @i > 3 THEN LEAVE l; END IF; END LOOP l;"
                                + " w: WHILE @i < 9 DO SET @i = @i + 1; END WHILE w; REPEAT SET @i = @i - 1; UNTIL @i < 0"
                                + " END REPEAT; b: BEGIN SELECT 1; END b; END;\nSELECT 2;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN l: LOOP SET @i = @i + 1; IF @i > 3 THEN LEAVE l; END IF;"
                                        + " END LOOP l; w: WHILE @i < 9 DO SET @i = @i + 1; END WHILE w; REPEAT SET @i ="
                                        + " @i - 1; UNTIL @i < 0 END REPEAT; b: BEGIN SELECT 1; END b; END",
                                "2:1|SELECT 2")),
                arguments(
                        "IF() and REPEAT() functions, IF EXISTS clauses",
                        "CREATE PROCEDURE p() BEGIN DROP TABLE IF EXISTS t; CREATE TABLE IF NOT EXISTS t (a INT); SET @x ="
                                + " IF(1, 2, 3); SELECT REPEAT('a', 3), IF(a, b, c) FROM t; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN DROP TABLE IF EXISTS t; CREATE TABLE IF NOT EXISTS t (a"
                                        + " INT); SET @x = IF(1, 2, 3); SELECT REPEAT('a', 3), IF(a, b, c) FROM t; END",
                                "2:1|SELECT 1")),
                arguments(
                        "ELSEIF and a parenthesised IF condition",
                        "CREATE PROCEDURE p() BEGIN IF (@a > 1) THEN SET @b = 1; ELSEIF @a < 0 THEN SET @b = 2; ELSE SET"
                                + " @b = 3; END IF; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN IF (@a > 1) THEN SET @b = 1; ELSEIF @a < 0 THEN SET @b = 2;"
                                        + " ELSE SET @b = 3; END IF; END",
                                "2:1|SELECT 1")),
                arguments(
                        "CASE statement holding CASE expressions",
                        "CREATE PROCEDURE p() BEGIN CASE @x WHEN 1 THEN SET @y = CASE WHEN @z THEN 1 ELSE 2 END; ELSE"
                                + " BEGIN END; END CASE; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN CASE @x WHEN 1 THEN SET @y = CASE WHEN @z THEN 1 ELSE 2 END;"
                                        + " ELSE BEGIN END; END CASE; END",
                                "2:1|SELECT 1")),
                arguments(
                        "IF() after THEN of a CASE expression",
                        "CREATE PROCEDURE p() BEGIN SET @y = CASE WHEN @z THEN IF(@a, 1, 2) END; END;SELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN SET @y = CASE WHEN @z THEN IF(@a, 1, 2) END; END",
                                "1:77|SELECT 1")),
                arguments(
                        "columns named end and begin inside a body",
                        "CREATE PROCEDURE p() BEGIN SELECT t.end, t.begin FROM t; END;SELECT 1;",
                        List.of("1:1|CREATE PROCEDURE p() BEGIN SELECT t.end, t.begin FROM t; END", "1:62|SELECT 1")),
                arguments(
                        "handler with its own BEGIN",
                        "CREATE PROCEDURE p() BEGIN DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;"
                                + " START TRANSACTION; COMMIT; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK;"
                                        + " RESIGNAL; END; START TRANSACTION; COMMIT; END",
                                "2:1|SELECT 1")),
                arguments(
                        "cursor loop with a handler",
                        "CREATE PROCEDURE p() BEGIN DECLARE done INT DEFAULT 0; DECLARE c CURSOR FOR SELECT a FROM t;"
                                + " DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1; OPEN c; r: LOOP FETCH c INTO @a;"
                                + " IF done THEN LEAVE r; END IF; END LOOP; CLOSE c; END;\nSELECT 1;",
                        List.of(
                                "1:1|CREATE PROCEDURE p() BEGIN DECLARE done INT DEFAULT 0; DECLARE c CURSOR FOR SELECT a"
                                        + " FROM t; DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1; OPEN c; r: LOOP"
                                        + " FETCH c INTO @a; IF done THEN LEAVE r; END IF; END LOOP; CLOSE c; END",
                                "2:1|SELECT 1")),
                arguments(
                        "body spanning lines",
                        "CREATE FUNCTION f(n INT) RETURNS INT\nDETERMINISTIC\nBEGIN\n  WHILE n > 0 DO\n    SET n = n - 1;\n"
                                + "  END WHILE;\n  RETURN n;\nEND;\n  SELECT f(3);",
                        List.of(
                                "1:1|CREATE FUNCTION f(n INT) RETURNS INT\nDETERMINISTIC\nBEGIN\n  WHILE n > 0 DO\n    SET"
                                        + " n = n - 1;\n  END WHILE;\n  RETURN n;\nEND",
                                "9:3|SELECT f(3)")),
                // transactions and MariaDB compound statements
                arguments(
                        "transaction BEGIN is a plain statement",
                        "BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;",
                        List.of("1:1|BEGIN", "2:1|INSERT INTO t VALUES (1)", "3:1|COMMIT")),
                arguments(
                        "BEGIN WORK is a plain statement",
                        "BEGIN WORK;\nSELECT 1;",
                        List.of("1:1|BEGIN WORK", "2:1|SELECT 1")),
                arguments(
                        "MariaDB BEGIN NOT ATOMIC",
                        "BEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 0;\n  SET x = 1;\nEND;\nSELECT 1;",
                        List.of("1:1|BEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 0;\n  SET x = 1;\nEND", "5:1|SELECT 1")),
                arguments(
                        "MariaDB labelled BEGIN NOT ATOMIC",
                        "lbl: BEGIN NOT ATOMIC SELECT 1; END lbl;SELECT 2;",
                        List.of("1:1|lbl: BEGIN NOT ATOMIC SELECT 1; END lbl", "1:41|SELECT 2")),
                arguments(
                        "MariaDB IF outside a stored program",
                        "IF @a > 0 THEN SELECT 1; ELSE SELECT 2; END IF;\nSELECT 3;",
                        List.of("1:1|IF @a > 0 THEN SELECT 1; ELSE SELECT 2; END IF", "2:1|SELECT 3")),
                // mysqldump
                arguments(
                        "mysqldump trigger without DELIMITER",
                        "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t BEFORE INSERT ON x"
                                + " FOR EACH ROW BEGIN SET NEW.a = 1; END */;\nSELECT 1;",
                        List.of(
                                "1:1|/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t BEFORE"
                                        + " INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END */",
                                "2:1|SELECT 1")),
                arguments(
                        "mysqldump trigger with DELIMITER ;;",
                        "DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n  SET"
                                + " NEW.a = 1;\nEND */;;\nDELIMITER ;\nSELECT 1;",
                        List.of(
                                "2:1|/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n  SET"
                                        + " NEW.a = 1;\nEND */|;;",
                                "6:1|SELECT 1")),
                arguments(
                        "routine after a versioned CREATE",
                        "/*!50003 CREATE*/ PROCEDURE p() BEGIN SELECT 1; END;SELECT 2;",
                        List.of("1:1|/*!50003 CREATE*/ PROCEDURE p() BEGIN SELECT 1; END", "1:53|SELECT 2")),
                arguments(
                        "views and tables are not bodies",
                        "CREATE VIEW v AS SELECT event, begin FROM t;CREATE TABLE t (a INT);",
                        List.of("1:1|CREATE VIEW v AS SELECT event, begin FROM t", "1:45|CREATE TABLE t (a INT)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void splitsEachConstructIntoTheExpectedStatements(String construct, String script, List<String> expected) {
        assertExpectationsMatchTheScript(script, expected);
        assertSplit(MYSQL, construct, script, expected);
    }

    static Stream<Arguments> withoutBackslashEscapes() {
        return Stream.of(
                arguments(
                        "backslash before a quote is literal",
                        "SELECT 'a\\';SELECT 2;",
                        List.of("1:1|SELECT 'a\\'", "1:13|SELECT 2")),
                arguments(
                        "backslash before a double quote is literal",
                        "SELECT \"a\\\";SELECT 2;",
                        List.of("1:1|SELECT \"a\\\"", "1:13|SELECT 2")),
                arguments(
                        "doubled quote still escapes",
                        "SELECT 'a\\''b;';SELECT 2;",
                        List.of("1:1|SELECT 'a\\''b;'", "1:17|SELECT 2")),
                arguments(
                        "inside a versioned comment",
                        "/*!50003 SET @a = 'x\\' */;SELECT 2;",
                        List.of("1:1|/*!50003 SET @a = 'x\\' */", "1:27|SELECT 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutBackslashEscapes")
    void readsBackslashesAsPlainCharactersWithNoBackslashEscapes(
            String construct, String script, List<String> expected) {
        assertExpectationsMatchTheScript(script, expected);
        assertSplit(MYSQL.withBackslashEscapes(false), construct, script, expected);
    }

    @Test
    void aBackslashEscapesTheQuoteByDefault() {
        SplitScript split = MYSQL.split("SELECT 'a\\';SELECT 2;");
        assertThat(split.statements()).extracting(SqlStatement::sql).containsExactly("SELECT 'a\\';SELECT 2;");
        assertThat(split.problems()).extracting(SplitProblem::code).containsExactly(SplitProblem.UNTERMINATED_STRING);
    }

    @Test
    void cutsDelimiterCommandsIntoTheirOwnPieces() {
        SplitScript split = MYSQL.split("-- setup\nDELIMITER $$\nSELECT 1$$\nDELIMITER ;\n");
        assertThat(split.pieces())
                .extracting(piece -> piece.kind() + "@" + piece.start() + ":" + piece.text())
                .containsExactly(
                        "TRIVIA@1:1:-- setup\n",
                        "DELIMITER_COMMAND@2:1:DELIMITER $$",
                        "TRIVIA@2:13:\n",
                        "STATEMENT@3:1:SELECT 1",
                        "DELIMITER@3:9:$$",
                        "TRIVIA@3:11:\n",
                        "DELIMITER_COMMAND@4:1:DELIMITER ;",
                        "TRIVIA@4:12:\n");
    }

    @Test
    void aStatementEndsWhereItsDelimiterStarts() {
        SqlStatement statement = MYSQL.split("SELECT\r\n  1 ;\n").statements().get(0);
        assertThat(statement.sql()).isEqualTo("SELECT\r\n  1 ");
        assertThat(statement.end()).hasToString("2:5");
        assertThat(statement.end().offset()).isEqualTo(12);
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                arguments("string", "SELECT 1;\nSELECT 'abc;", SplitProblem.UNTERMINATED_STRING, "2:8", "'"),
                arguments(
                        "string ending in an escaped quote",
                        "SELECT 1;\r\n  SELECT \"ab\\\";",
                        SplitProblem.UNTERMINATED_STRING,
                        "2:10",
                        "\""),
                arguments(
                        "backtick identifier", "SELECT `a``;", SplitProblem.UNTERMINATED_QUOTED_IDENTIFIER, "1:8", "`"),
                arguments(
                        "block comment", "SELECT 1;\r/* a; */ /* b;", SplitProblem.UNTERMINATED_COMMENT, "2:10", "/*"),
                arguments(
                        "versioned comment",
                        "SELECT 1; /*!50003 SET @a = 1;",
                        SplitProblem.UNTERMINATED_COMMENT,
                        "1:11",
                        "/*!50003"),
                arguments(
                        "BEGIN without END",
                        "SELECT 1;\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2;",
                        SplitProblem.UNTERMINATED_BODY,
                        "2:22",
                        "BEGIN"),
                arguments(
                        "IF without END IF in a body",
                        "CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1;\nEND;",
                        SplitProblem.UNTERMINATED_BODY,
                        "2:1",
                        "BEGIN"),
                arguments(
                        "MariaDB BEGIN NOT ATOMIC without END",
                        "BEGIN NOT ATOMIC SELECT 1;",
                        SplitProblem.UNTERMINATED_BODY,
                        "1:1",
                        "BEGIN"),
                arguments(
                        "DELIMITER without a value",
                        "SELECT 1;\nDELIMITER   \nSELECT 2;",
                        SplitProblem.INVALID_DELIMITER,
                        "2:1",
                        "DELIMITER"),
                arguments(
                        "DELIMITER with a backslash",
                        "DELIMITER \\\\\nSELECT 2;",
                        SplitProblem.INVALID_DELIMITER,
                        "1:1",
                        "DELIMITER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void reportsAnUnterminatedConstructWhereItStarts(
            String construct, String script, String code, String at, String opener) {
        assertThat(script.startsWith(opener, offsetOf(script, at)))
                .as("the test's own expectation: %s opens at %s", opener, at)
                .isTrue();
        SplitScript split = MYSQL.split(script);
        assertThat(split.reassemble()).isEqualTo(script);
        assertThat(split.problems()).as(construct).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.position()).hasToString(at);
            assertThat(problem.message()).isNotBlank();
        });
    }

    private static void assertSplit(
            StatementSplitter splitter, String construct, String script, List<String> expected) {
        SplitScript split = splitter.split(script);
        assertThat(split.problems()).as(construct).isEmpty();
        assertThat(split.reassemble()).isEqualTo(script);
        List<SqlStatement> statements = split.statements();
        assertThat(statements)
                .extracting(s -> s.start() + "|" + s.sql() + (s.delimiter().equals(";") ? "" : "|" + s.delimiter()))
                .as(construct)
                .containsExactlyElementsOf(expected);
        for (SqlStatement statement : statements) {
            assertThat(script.substring(
                            statement.start().offset(), statement.end().offset()))
                    .isEqualTo(statement.sql());
        }
    }

    /**
     * Checks the table itself, without the splitter: at each expected line:column the script holds the expected
     * statement text followed by its delimiter.
     */
    private static void assertExpectationsMatchTheScript(String script, List<String> expected) {
        for (String expectation : expected) {
            String[] fields = expectation.split("\\|", -1);
            String text = fields[1] + (fields.length == 2 ? ";" : fields[2]);
            assertThat(script.startsWith(text, offsetOf(script, fields[0])))
                    .as("the test's own expectation %s: the script must hold %s at %s", expectation, text, fields[0])
                    .isTrue();
        }
    }

    /**
     * The offset of {@code "line:column"} in {@code script}, counted here: a line ends at {@code \n}, {@code \r\n} or
     * a lone {@code \r}, and columns count the characters of a line from 1.
     */
    static int offsetOf(String script, String lineColumn) {
        String[] parts = lineColumn.split(":");
        int line = Integer.parseInt(parts[0]);
        int column = Integer.parseInt(parts[1]);
        int offset = 0;
        for (int l = 1; l < line; l++) {
            while (script.charAt(offset) != '\n' && script.charAt(offset) != '\r') {
                offset++;
            }
            offset += script.startsWith("\r\n", offset) ? 2 : 1;
        }
        return offset + column - 1;
    }
}
