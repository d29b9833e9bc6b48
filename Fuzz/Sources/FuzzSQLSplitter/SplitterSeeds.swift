/// The seeds of the splitter target: migration SQL as people write it, and the lexer's corners.
enum SplitterSeeds {
    static let texts = [
        "CREATE TABLE users (id UUID PRIMARY KEY, email TEXT NOT NULL);\nCREATE INDEX users_email_idx ON users (email);\n",
        "-- a comment; with a semicolon\nALTER TABLE users ADD COLUMN nickname TEXT; /* block; /* nested; */ still; */ SELECT 1;\n",
        "INSERT INTO t VALUES ('it''s; fine', E'a\\'; b', \"we;ird\");\nSELECT 2",
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$ LANGUAGE plpgsql;\n",
        "DO $body$ BEGIN PERFORM 1; $inner$ ; $inner$ END $body$; SELECT $1, $2;",
        "SELECT e'\\\\'; SELECT U&'d\\0061t\\+000061'; SELECT B'101', X'FF'; SELECT 'a'\n'b';",
        "SELECT nameE'x\\'; SELECT 1; SELECT a$b$; SELECT $b$ ; $b$;",
        "-- old Mac line ends\rSELECT 1;\rSELECT 2;",
        "/* unterminated ; comment",
        "SELECT 'unterminated ; string",
        "BEGIN; COMMIT; ;; ;",
    ]

    static var all: [[UInt8]] { texts.map { Array($0.utf8) } }
}
