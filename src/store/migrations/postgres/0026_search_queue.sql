-- The search queue and the triggers that fill it: see ../0026_search_queue.sql. PostgreSQL
-- runs a trigger through a function; one per table, each doing what the SQLite triggers of
-- that table do.
CREATE TABLE search_queue (
  seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_key TEXT NOT NULL
);

CREATE FUNCTION agora_search_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_queue(doc_key) VALUES (OLD.kind || ':' || OLD.id);
    RETURN NULL;
  END IF;
  INSERT INTO search_queue(doc_key) VALUES (NEW.kind || ':' || NEW.id);
  IF TG_OP = 'UPDATE' AND (OLD.audience IS DISTINCT FROM NEW.audience OR OLD.container_id IS DISTINCT FROM NEW.container_id) THEN
    INSERT INTO search_queue(doc_key) SELECT 'comment:' || id FROM comments WHERE content_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_content AFTER INSERT OR DELETE OR UPDATE OF audience, container_id, edited_at, language, author_id
  ON content FOR EACH ROW EXECUTE FUNCTION agora_search_content();

CREATE FUNCTION agora_search_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_queue(doc_key) VALUES ('post:' || NEW.content_id);
  RETURN NULL;
END $$;
CREATE TRIGGER search_post_body AFTER UPDATE OF body ON posts FOR EACH ROW EXECUTE FUNCTION agora_search_post();

CREATE FUNCTION agora_search_topic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_queue(doc_key) VALUES ('topic:' || NEW.content_id);
  RETURN NULL;
END $$;
CREATE TRIGGER search_topic_text AFTER UPDATE OF title, body ON topics FOR EACH ROW EXECUTE FUNCTION agora_search_topic();

CREATE FUNCTION agora_search_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_queue(doc_key) VALUES ('comment:' || OLD.id);
  ELSE
    INSERT INTO search_queue(doc_key) VALUES ('comment:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_comment AFTER INSERT OR DELETE OR UPDATE OF body ON comments
  FOR EACH ROW EXECUTE FUNCTION agora_search_comment();

CREATE FUNCTION agora_search_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_queue(doc_key) VALUES ('community:' || OLD.id);
    RETURN NULL;
  END IF;
  INSERT INTO search_queue(doc_key) VALUES ('community:' || NEW.id);
  IF TG_OP = 'UPDATE' AND (OLD.type IS DISTINCT FROM NEW.type OR OLD.listed IS DISTINCT FROM NEW.listed) THEN
    INSERT INTO search_queue(doc_key) SELECT kind || ':' || id FROM content WHERE container_id = NEW.id;
    INSERT INTO search_queue(doc_key)
      SELECT 'comment:' || m.id FROM comments m JOIN content c ON c.id = m.content_id WHERE c.container_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_community AFTER INSERT OR DELETE OR UPDATE OF handle, name, description, type, listed, alumni
  ON communities FOR EACH ROW EXECUTE FUNCTION agora_search_community();

CREATE FUNCTION agora_search_community_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_queue(doc_key) VALUES ('community:' || OLD.community_id);
  ELSE
    INSERT INTO search_queue(doc_key) VALUES ('community:' || NEW.community_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_community_tag AFTER INSERT OR DELETE ON community_tags
  FOR EACH ROW EXECUTE FUNCTION agora_search_community_tag();

-- users(id), profiles(user_id), expertise(user_id), community_members(person_id): whose
-- document changed is named by the column TG_ARGV[0].
CREATE FUNCTION agora_search_person() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
  INSERT INTO search_queue(doc_key) VALUES ('person:' || (row_data ->> TG_ARGV[0]));
  RETURN NULL;
END $$;
CREATE TRIGGER search_user AFTER INSERT OR DELETE OR UPDATE OF display_name, handle, role, active, language
  ON users FOR EACH ROW EXECUTE FUNCTION agora_search_person('id');
CREATE TRIGGER search_profile AFTER INSERT OR UPDATE OF title, department, office, country, bio, languages
  ON profiles FOR EACH ROW EXECUTE FUNCTION agora_search_person('user_id');
CREATE TRIGGER search_expertise AFTER INSERT OR DELETE OR UPDATE
  ON expertise FOR EACH ROW EXECUTE FUNCTION agora_search_person('user_id');
CREATE TRIGGER search_member AFTER INSERT OR DELETE OR UPDATE OF state
  ON community_members FOR EACH ROW EXECUTE FUNCTION agora_search_person('person_id');
