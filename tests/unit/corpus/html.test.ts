import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../lib/corpus';

const articleParagraphs = [
  'Nearly two weeks after the Doha truce and three busy days of negotiations in Istanbul, the two governments have failed to resolve their differences, and both sides blame each other.',
  'The Taliban regard the struggle of the TTP as legitimate, and their ranks share decades of mutual resistance, which makes a tough stance against the group costly for the leadership.',
  'Pakistan does have bargaining power over trade and refugees, and positive incentives, rather than force, may persuade Kabul to distance itself from the group over time.',
];

const page = `<!doctype html>
<html lang="en">
<head>
  <title>Why Talks Fail | The Strategic Review</title>
  <meta name="author" content="Jane Roe">
  <meta property="article:published_time" content="2025-11-02T09:30:00+05:00">
  <meta property="og:site_name" content="The Strategic Review">
  <meta property="og:title" content="Why Talks Fail">
  <link rel="canonical" href="/2025/11/why-talks-fail">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav></header>
  <main>
    <article>
      <h1>Why Talks Fail</h1>
      <p class="byline">By Jane Roe</p>
      <p>${articleParagraphs[0]}</p>
      <h2>What is holding the talks hostage</h2>
      <p>${articleParagraphs[1]}</p>
      <blockquote><p>“This is an unacceptable position for Pakistan,” an official said after the session ended.</p></blockquote>
      <h3>Options for Islamabad</h3>
      <ul><li>Enhance bilateral trade.</li><li>Adopt leniency toward Afghan refugees.</li></ul>
      <p>${articleParagraphs[2]}<br>A second line after a break.</p>
      <p>Share on Facebook Share on X</p>
    </article>
  </main>
  <aside><h3>Most read</h3><ul><li><a href="/x">Another story entirely</a></li></ul></aside>
  <section id="comments" class="comments">
    <h3>Leave a Reply</h3>
    <p>Your email address will not be published. Required fields are marked *</p>
  </section>
  <footer><p>© 2025 The Strategic Review. All rights reserved.</p></footer>
</body>
</html>`;

describe('parseHtml', () => {
  const document = parseHtml(page, { url: 'https://review.example/2025/11/why-talks-fail?utm=x' });

  it('keeps the article and maps h1–h3, p, li and blockquote to blocks', () => {
    expect(document.blocks).toEqual([
      { type: 'paragraph', text: articleParagraphs[0] },
      { type: 'heading', level: 2, text: 'What is holding the talks hostage' },
      { type: 'paragraph', text: articleParagraphs[1] },
      { type: 'paragraph', text: '“This is an unacceptable position for Pakistan,” an official said after the session ended.' },
      { type: 'heading', level: 3, text: 'Options for Islamabad' },
      { type: 'paragraph', text: 'Enhance bilateral trade.' },
      { type: 'paragraph', text: 'Adopt leniency toward Afghan refugees.' },
      { type: 'paragraph', text: `${articleParagraphs[2]} A second line after a break.` },
    ]);
  });

  it('drops navigation, sidebars, comments and footers', () => {
    for (const dropped of ['Home', 'About us', 'Most read', 'Another story', 'Leave a Reply', 'email address', '©', 'Share on']) {
      expect(document.text).not.toContain(dropped);
    }
  });

  it('takes metadata from the meta tags', () => {
    expect(document).toMatchObject({
      title: 'Why Talks Fail',
      author: 'Jane Roe',
      authorAffiliation: null,
      outlet: 'The Strategic Review',
      publishedOn: '2025-11-02',
      sourceUrl: 'https://review.example/2025/11/why-talks-fail',
    });
  });

  it('leaves metadata null when the page does not declare it', () => {
    const bare = parseHtml(
      `<html><head><title>x</title></head><body><article>${articleParagraphs.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`,
    );
    expect(bare).toMatchObject({ title: null, author: null, outlet: null, publishedOn: null, sourceUrl: null });
    expect(bare.blocks).toEqual(articleParagraphs.map((text) => ({ type: 'paragraph', text })));
  });

  it('falls back to the address it was fetched from for the source URL', () => {
    const fetched = parseHtml(`<html><body><article><p>${articleParagraphs[0]}</p></article></body></html>`, {
      url: 'https://review.example/a',
    });
    expect(fetched.sourceUrl).toBe('https://review.example/a');
  });
});
