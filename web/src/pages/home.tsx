// Home: share an update, then the home feed (people and hashtags one follows, posts shared
// with one by name, one's own), newest first.
import { useState } from 'preact/hooks';
import type { User } from '../api';
import { Composer } from '../composer';
import { PageHeading } from '../components';
import type { Post } from '../content';
import { FeedView } from '../feed_view';

export function HomePage(props: { user: User }) {
  const [posted, setPosted] = useState<Post[]>([]);
  const canPost = props.user.role !== 'alumnus';
  return (
    <section>
      <PageHeading>Welcome, {props.user.display_name}</PageHeading>
      {canPost && <Composer guest={props.user.role === 'guest'} onPosted={(p) => setPosted([p, ...posted])} />}
      <h2>Your feed</h2>
      <FeedView prepend={posted} empty="Nothing here yet. Follow people or hashtags to fill your feed." />
    </section>
  );
}

