import { describe, expect, test } from 'vitest';
import { setLanguage } from './i18n/i18n';
import { describeNotification, notificationTarget, timeAgo, type Notification } from './content';

const base: Notification = {
  id: '1', kind: 'reaction', actor: { id: '2', handle: 'ana', display_name: 'Ana Berg', title: '', department: '', country: '', alumnus: false, photo: null },
  actor_count: 1, content_id: '3', comment_id: null, community_id: null, created_at: '', updated_at: '', read: false,
  content_kind: 'post', snippet: 'Quarterly numbers', reaction: null, community: null,
};

describe('notifications text', () => {
  test('groups name the latest actor and count the others', () => {
    expect(describeNotification(base)).toBe('Ana Berg reacted to your post');
    expect(describeNotification({ ...base, actor_count: 2 })).toBe('Ana Berg and 1 other reacted to your post');
    expect(describeNotification({ ...base, actor_count: 13, comment_id: '4' })).toBe('Ana Berg and 12 others reacted to your comment');
    expect(describeNotification({ ...base, kind: 'follow' })).toBe('Ana Berg started following you');
  });
  test('say which reaction, and whether a mention was in a post, a comment or a topic', () => {
    expect(describeNotification({ ...base, reaction: 'celebrate' })).toBe('Ana Berg reacted with Celebrate to your post');
    expect(describeNotification({ ...base, reaction: 'celebrate', actor_count: 3 })).toBe('Ana Berg and 2 others reacted to your post');
    expect(describeNotification({ ...base, kind: 'mention', comment_id: '5' })).toBe('Ana Berg mentioned you in a comment');
    expect(describeNotification({ ...base, kind: 'mention', content_kind: 'topic' })).toBe('Ana Berg mentioned you in a topic');
    expect(describeNotification({ ...base, kind: 'comment', content_kind: 'topic' })).toBe('Ana Berg commented on your topic');
    expect(describeNotification({ ...base, kind: 'comment', content_kind: 'blog_entry' })).toBe('Ana Berg commented on your blog entry');
    expect(describeNotification({ ...base, kind: 'mention', content_kind: 'blog_entry' })).toBe('Ana Berg mentioned you in a blog entry');
    expect(describeNotification({ ...base, kind: 'blog_entry', content_kind: 'blog_entry' })).toBe('Ana Berg published in a blog you follow');
  });
  test('lead to the comment on its post, the topic, the community or the person', () => {
    expect(notificationTarget({ ...base, comment_id: '5' })).toBe('/posts/3#comment-5');
    expect(notificationTarget({ ...base, content_kind: 'topic' })).toBe('/topics/3');
    expect(notificationTarget({ ...base, content_kind: 'blog_entry', comment_id: '5' })).toBe('/blog-entries/3#comment-5');
    expect(notificationTarget({ ...base, content_id: null, kind: 'community_invite', community: { handle: 'hiking', name: 'Hiking' } })).toBe('/communities/hiking');
    expect(notificationTarget({ ...base, content_id: null, kind: 'follow' })).toBe('/people/ana');
  });
  test('community notices say what happened', () => {
    const about = { ...base, content_id: null, community_id: '9' };
    expect(describeNotification({ ...about, kind: 'community_invite' })).toBe('Ana Berg invited you to a community');
    expect(describeNotification({ ...about, kind: 'community_invite', community: { handle: 'h', name: 'Hiking club' } })).toBe('Ana Berg invited you to Hiking club');
    expect(describeNotification({ ...about, kind: 'community_request' })).toBe('Ana Berg asked to join a community');
    expect(describeNotification({ ...about, kind: 'community_accepted' })).toBe('Ana Berg let you into a community');
  });
  test('times read as people say them', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(timeAgo('2026-01-01T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2026-01-01T11:30:00Z', now)).toBe('30 minutes ago');
    expect(timeAgo('2026-01-01T09:00:00Z', now)).toBe('3 hours ago');
  });
});

describe('in other languages', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  test('Russian: plural forms by CLDR rules, relative times', async () => {
    await setLanguage('ru');
    expect(describeNotification(base)).toBe('Ana Berg отреагировал(а) на вашу публикацию');
    expect(describeNotification({ ...base, actor_count: 2 })).toBe('Ana Berg и ещё 1 человек отреагировали на вашу публикацию');
    expect(describeNotification({ ...base, actor_count: 3 })).toBe('Ana Berg и ещё 2 человека отреагировали на вашу публикацию');
    expect(describeNotification({ ...base, actor_count: 6 })).toBe('Ana Berg и ещё 5 человек отреагировали на вашу публикацию');
    expect(describeNotification({ ...base, content_kind: 'blog_entry' })).toBe('Ana Berg отреагировал(а) на вашу запись в блоге');
    expect(timeAgo('2026-01-01T11:55:00Z', now)).toBe('5 минут назад');
    expect(timeAgo('2026-01-01T11:59:30Z', now)).toBe('только что');
  });
  test('Bulgarian and Swedish', async () => {
    await setLanguage('bg');
    expect(timeAgo('2026-01-01T09:00:00Z', now)).toBe('преди 3 часа');
    expect(describeNotification({ ...base, kind: 'follow' })).toBe('Ana Berg започна да ви следва');
    expect(describeNotification({ ...base, kind: 'follow', actor_count: 3 })).toBe('Ana Berg и още 2 души започнаха да ви следват');
    await setLanguage('sv');
    expect(describeNotification({ ...base, kind: 'mention', comment_id: '5' })).toBe('Ana Berg nämnde dig i en kommentar');
  });
});
