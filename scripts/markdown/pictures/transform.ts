/**
 * Pictures set apart from the text. A paragraph that holds nothing but one image is a picture
 * (挿絵, 図) with the image's title as its caption: `![少女の後ろ姿](images/a.jpg "第一図")`.
 * `:::full-page` gives each picture inside it a page of its own, inside the 版面; `:::bleed` one
 * to the edges of the paper (裁ち落とし); both have a one-line form, `::full-page[![…](…)]`.
 * A 青空文庫 `［＃挿絵（…）入る］` takes a page of its own too, and the caption line that follows a
 * `「…」のキャプション付きの図` becomes the picture's caption.
 */
import type { BlockContent, DefinitionContent, Image, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { Picture, PicturePlacement } from './types.ts';

/** The directive names that place pictures, and the placement each gives. */
const DIRECTIVES: Record<string, PicturePlacement> = { 'full-page': 'page', bleed: 'bleed' };

/** Remark plugin: make pictures of image paragraphs and of the `full-page` and `bleed` directives. */
export function remarkPictures() {
  return (tree: Root, file: VFile) => {
    walk(tree, file);
  };
}

type Block = BlockContent | DefinitionContent;

function walk(parent: Parent, file: VFile): void {
  const children = parent.children as Block[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if ((child.type === 'containerDirective' || child.type === 'leafDirective') && child.name in DIRECTIVES) {
      const replacement = fromDirective(child, DIRECTIVES[child.name]!, file);
      children.splice(index, 1, ...replacement);
      index += replacement.length - 1;
      continue;
    }
    if ('children' in child && child.type !== 'paragraph') walk(child, file);
    if (child.type !== 'paragraph') continue;
    const picture = pictureOf(child, 'flow', file);
    if (!picture) continue;
    const caption = captionOf(children[index + 1]);
    if (caption && picture.children.length === 0) {
      picture.children = caption;
      children.splice(index + 1, 1);
    }
    children[index] = picture;
  }
}

/** The picture a paragraph is, when it holds one image and nothing else but white space. */
function pictureOf(paragraph: Paragraph, placement: PicturePlacement, file: VFile): Picture | undefined {
  // A paragraph the author placed (`::align-end[…]`, `［＃地付き］`) keeps its image in the line.
  if (paragraph.data?.layout) return undefined;
  const image = soleImage(paragraph.children);
  if (!image) return undefined;
  const caption: PhrasingContent[] = image.title
    ? [{ type: 'text', value: image.title, position: titlePosition(image, file) }]
    : [];
  return {
    type: 'picture',
    image,
    placement: placement === 'flow' ? (image.data?.placement ?? 'flow') : placement,
    children: caption,
    position: paragraph.position,
  };
}

/**
 * Where an image's title is written (`![…](…"title")`), so that a message or a proofreading
 * finding on the caption points at its characters; none when the title was written with escapes.
 */
function titlePosition(image: Image, file: VFile): Position | undefined {
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (!image.title || start === undefined || end === undefined) return undefined;
  const written = String(file.value).slice(start, end);
  const at = written.lastIndexOf(image.title);
  if (at === -1 || !/^["')]\s*\)$/.test(written.slice(at + image.title.length))) return undefined;
  const points = location(file);
  const from = points.toPoint(start + at);
  const to = points.toPoint(start + at + image.title.length);
  return from && to ? { start: from, end: to } : undefined;
}

function soleImage(nodes: readonly PhrasingContent[]): Image | undefined {
  const content = nodes.filter(
    (node) => !(node.type === 'break' || (node.type === 'text' && node.value.trim() === '')),
  );
  const [only] = content;
  return content.length === 1 && only?.type === 'image' ? only : undefined;
}

/**
 * A 青空文庫 caption line (`第１図［＃「第１図」はキャプション］`) right after a picture: a paragraph
 * that is one caption and nothing else.
 */
function captionOf(next: Block | undefined): PhrasingContent[] | undefined {
  if (next?.type !== 'paragraph' || next.data?.layout) return undefined;
  const content = next.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [only] = content;
  if (content.length !== 1 || only?.type !== 'aozoraStyled' || !only.className.includes('caption')) return undefined;
  return only.children;
}

/** The pictures of a `:::full-page` / `:::bleed` block, or of its one-line form; anything else stays, reported. */
function fromDirective(node: ContainerDirective | LeafDirective, placement: PicturePlacement, file: VFile): Block[] {
  const marks = node.type === 'containerDirective' ? ':::' : '::';
  const report = (reason: string, ruleId: string) =>
    file.message(reason, { place: node.position, ruleId, source: 'markdown' });
  if (Object.keys(node.attributes ?? {}).length > 0)
    report(`attributes of ${marks}${node.name} are ignored (属性は使えません)`, 'directive-attributes');
  const paragraphs: Block[] =
    node.type === 'leafDirective'
      ? [{ type: 'paragraph', children: node.children, position: node.position }]
      : (node.children as Block[]);
  let others = 0;
  const blocks = paragraphs.map((block) => {
    const picture = block.type === 'paragraph' ? pictureOf(block, placement, file) : undefined;
    if (!picture) others++;
    return picture ?? block;
  });
  if (others > 0)
    report(
      `${marks}${node.name} holds pictures only (one image to a paragraph); the rest of it is kept as text (画像以外は通常の本文になります)`,
      'picture-directive',
    );
  if (placement === 'bleed' && blocks.some((block) => block.type === 'picture' && block.children.length > 0))
    report(
      `a ${marks}bleed picture is printed to the edges of the paper, without its caption; the caption stays in the EPUB (裁ち落としの図にキャプションは印刷されません)`,
      'picture-bleed-caption',
    );
  return blocks;
}
