// Posts, comments, reactions and notifications as the API sends them.
import type { Schemas } from './api';
import { t, type MessageId } from './i18n/i18n';

export { timeAgo } from './i18n/i18n';

export const REACTIONS = [
  ['like', '👍'],
  ['celebrate', '🎉'],
  ['support', '🤝'],
  ['love', '❤️'],
  ['insightful', '💡'],
  ['funny', '😄'],
] as const;
export type ReactionKind = (typeof REACTIONS)[number][0];
const REACTION_NAMES: Record<ReactionKind, MessageId> = {
  like: 'reaction.like', celebrate: 'reaction.celebrate', support: 'reaction.support',
  love: 'reaction.love', insightful: 'reaction.insightful', funny: 'reaction.funny',
};
// A reaction's name in the reader's language ("Like", "Gilla", "Нравится").
export function reactionName(kind: ReactionKind | string): string {
  const id = REACTION_NAMES[kind as ReactionKind];
  return id ? t(id) : kind;
}

export type ReactionSummary = Schemas['Reactions'];

export type PostImage = Schemas['Image'];

export type Post = Schemas['Post'];

export type Comment = Schemas['Comment'];

export type Notification = Schemas['Notification'];

// "Ana Berg mentioned you in a comment", "Ana Berg and 12 others reacted with Celebrate to your
// post", "Ana Berg invited you to Hiking club". The line of text it is about comes apart
// (Notification.snippet).
// Several people's alike notifications are one ("Ana and 2 others reacted"): those texts
// are messages of their own, so that languages whose verbs follow the number can say so.
export function describeNotification(n: Notification): string {
  const who = n.actor.display_name;
  const group = n.actor_count > 1 ? { name: who, others: n.actor_count - 1 } : null;
  const on = n.content_kind === 'topic' || n.content_kind === 'blog_entry' || n.content_kind === 'wiki_page' ? n.content_kind : 'post';
  const what = n.comment_id ? 'comment' : on;
  const community = n.community?.name ?? '';
  switch (n.kind) {
    case 'mention': return group ? t('notification.mention_group', { ...group, what }) : t('notification.mention', { who, what });
    case 'comment': return group ? t('notification.comment_group', { ...group, what: on }) : t('notification.comment', { who, what: on });
    case 'reply': return group ? t('notification.reply_group', group) : t('notification.reply', { who });
    case 'reaction':
      if (group) return t('notification.reaction_group', { ...group, what });
      return n.reaction ? t('notification.reaction_named', { who, what, reaction: reactionName(n.reaction) }) : t('notification.reaction', { who, what });
    case 'follow': return group ? t('notification.follow_group', group) : t('notification.follow', { who });
    case 'share': return group ? t('notification.share_group', group) : t('notification.share', { who });
    case 'community_invite': return community ? t('notification.community_invite', { who, community }) : t('notification.community_invite_unnamed', { who });
    case 'community_request': return community ? t('notification.community_request', { who, community }) : t('notification.community_request_unnamed', { who });
    case 'community_accepted': return community ? t('notification.community_accepted', { who, community }) : t('notification.community_accepted_unnamed', { who });
    case 'blog_entry': return t('notification.blog_entry', { who });
    case 'comment_held': return t('notification.comment_held', { who });
    case 'wiki_change': return group ? t('notification.wiki_change_group', group) : t('notification.wiki_change', { who });
    case 'wiki_review': return t('notification.wiki_review');
  }
}

// Where a notification leads: the comment on its post (scrolled to), the topic, the
// community, or the person.
export function notificationTarget(n: Notification): string {
  const at = n.comment_id ? `#comment-${n.comment_id}` : '';
  if (n.content_id) {
    if (n.content_kind === 'topic') return `/topics/${n.content_id}${at}`;
    // A blog entry's page by its id alone: the page goes on to its blog's address.
    if (n.content_kind === 'blog_entry') return `/blog-entries/${n.content_id}${at}`;
    if (n.content_kind === 'wiki_page') return `/wiki-pages/${n.content_id}${at}`;
    return `/posts/${n.content_id}${at}`;
  }
  if (n.community) return `/communities/${n.community.handle}`;
  if (n.community_id) return `/communities/${n.community_id}`;
  return `/people/${n.actor.handle}`;
}

