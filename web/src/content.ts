// Posts, comments, reactions and notifications as the API sends them.
import type { Card } from './pages/profile';

export const REACTIONS = [
  ['like', '👍', 'Like'],
  ['celebrate', '🎉', 'Celebrate'],
  ['support', '🤝', 'Support'],
  ['love', '❤️', 'Love'],
  ['insightful', '💡', 'Insightful'],
  ['funny', '😄', 'Funny'],
] as const;
export type ReactionKind = (typeof REACTIONS)[number][0];

export interface ReactionSummary {
  counts: Partial<Record<ReactionKind, number>>;
  total: number;
  mine: ReactionKind | null;
}

// A picture on a post, scaled by the server (never enlarged) and stripped of metadata.
export interface PostImage {
  id: string;
  width: number;
  height: number;
  alt: string;
  url: string; // the large rendition (1600 px box)
  preview_url: string; // 640 px box
  preview_width: number;
  preview_height: number;
}

export interface Post {
  id: string;
  kind: 'post';
  author: Card;
  body: string;
  body_html: string; // rendered and sanitized by the server (cmark-gfm, safe mode)
  audience: 'public' | 'organization' | 'restricted' | 'community';
  community: { id: string; handle: string; name: string } | null; // where it was posted
  people?: string[]; // for its author only: whom a `restricted` post names (ids)
  readers?: Card[]; // and their cards
  created_at: string;
  edited_at: string | null;
  tags: string[];
  images: PostImage[];
  comment_count: number;
  reaction_count: number;
  share_count: number;
  reactions: ReactionSummary;
  share_of: string | null;
  shared: Post | null;
  shared_unavailable: boolean;
  can_edit: boolean;
  can_delete: boolean;
  // In the home feed: why it is there.
  reason?: { kind: 'own' | 'named' | 'community' | 'following' | 'tag'; tag?: string };
}

export interface Comment {
  id: string;
  content_id: string;
  reply_to: string | null;
  author: Card;
  body: string;
  body_html: string;
  created_at: string;
  edited_at: string | null;
  reactions: ReactionSummary;
  can_edit: boolean;
  can_delete: boolean;
}

export interface Notification {
  id: string;
  kind: 'mention' | 'comment' | 'reply' | 'reaction' | 'follow' | 'share' | 'community_invite' | 'community_request' | 'community_accepted';
  actor: Card;
  actor_count: number;
  content_id: string | null;
  community_id: string | null;
  comment_id: string | null;
  created_at: string;
  updated_at: string;
  read: boolean;
  content_kind: 'post' | 'topic' | null;
  snippet: string; // a line of the comment's or the content's text
  reaction: ReactionKind | null;
  community: { handle: string; name: string } | null;
}

// "Ana Berg mentioned you in a comment", "Ana Berg and 12 others reacted with Celebrate to your
// post", "Ana Berg invited you to Hiking club". The line of text it is about comes apart
// (Notification.snippet).
export function describeNotification(n: Notification): string {
  const who = n.actor_count > 1 ? `${n.actor.display_name} and ${n.actor_count - 1} other${n.actor_count > 2 ? 's' : ''}` : n.actor.display_name;
  const what = n.comment_id ? 'comment' : n.content_kind === 'topic' ? 'topic' : 'post';
  const community = n.community?.name ?? 'a community';
  const reaction = n.reaction && n.actor_count === 1 ? ` with ${REACTIONS.find((r) => r[0] === n.reaction)?.[2] ?? n.reaction}` : '';
  switch (n.kind) {
    case 'mention': return `${who} mentioned you in a ${what}`;
    case 'comment': return `${who} commented on your ${n.content_kind === 'topic' ? 'topic' : 'post'}`;
    case 'reply': return `${who} replied to your comment`;
    case 'reaction': return `${who} reacted${reaction} to your ${what}`;
    case 'follow': return `${who} started following you`;
    case 'share': return `${who} shared your post`;
    case 'community_invite': return `${who} invited you to ${community}`;
    case 'community_request': return `${who} asked to join ${community}`;
    case 'community_accepted': return `${who} let you into ${community}`;
  }
}

// Where a notification leads: the comment on its post (scrolled to), the topic, the
// community, or the person.
export function notificationTarget(n: Notification): string {
  const at = n.comment_id ? `#comment-${n.comment_id}` : '';
  if (n.content_id) return n.content_kind === 'topic' ? `/topics/${n.content_id}${at}` : `/posts/${n.content_id}${at}`;
  if (n.community) return `/communities/${n.community.handle}`;
  if (n.community_id) return `/communities/${n.community_id}`;
  return `/people/${n.actor.handle}`;
}

export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}
