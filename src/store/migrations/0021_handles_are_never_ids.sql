-- Handles are never ids (security review of 2026-11-30, finding 3): a handle of digits alone
-- was read as someone else's id in /people/{id|handle}, /communities/{id|handle} and the links
-- of mentions. Such handles get a letter in front ("u" for people, "c" for communities);
-- where that is taken, or too long, the row's own id is used instead ("u-<id>", "c-<id>").
UPDATE users SET handle = 'u' || handle
 WHERE LTRIM(handle, '0123456789') = '' AND LENGTH(handle) <= 29
   AND NOT EXISTS (SELECT 1 FROM users o WHERE o.handle = 'u' || users.handle)
   AND NOT EXISTS (SELECT 1 FROM handle_history h WHERE h.handle = 'u' || users.handle);
UPDATE users SET handle = 'u-' || id WHERE LTRIM(handle, '0123456789') = '';

UPDATE communities SET handle = 'c' || handle
 WHERE LTRIM(handle, '0123456789') = '' AND LENGTH(handle) <= 39
   AND NOT EXISTS (SELECT 1 FROM communities o WHERE o.handle = 'c' || communities.handle);
UPDATE communities SET handle = 'c-' || id WHERE LTRIM(handle, '0123456789') = '';
