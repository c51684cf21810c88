-- Communities in the search index now carry their members' term (community:C) beside knows:C,
-- which a reader holds only while invited or pending (content/search_terms.h): every
-- community is indexed again, by the indexer, from this queue.
INSERT INTO search_queue(doc_key) SELECT 'community:' || id FROM communities;
