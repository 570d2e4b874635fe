import type { ImageEntry } from './kustomization-types.js';
import type { Resource } from './resource.js';

/**
 * `images`: rewrite container images by name. Like kustomize, every `containers` and
 * `initContainers` list anywhere in an object is searched, and `name` matches an image whose
 * name part (before :tag or @digest) equals it.
 */
export function setImages(resources: Resource[], images: ImageEntry[], step: string): void {
  const matchers = images.map((image) => ({ image, pattern: new RegExp(`^${image.name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`) }));
  for (const resource of resources) {
    let touched = false;
    visitContainers(resource.object, (container) => {
      const current = container.image;
      if (typeof current !== 'string') return;
      for (const { image, pattern } of matchers) {
        if (splitImage(current).name !== image.name && !pattern.test(current)) continue;
        const updated = updateImage(current, image);
        if (updated !== current) {
          container.image = updated;
          touched = true;
        }
        break;
      }
    });
    if (touched) resource.touch(step);
  }
}

function visitContainers(node: unknown, visit: (container: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainers(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value) if (container && typeof container === 'object') visit(container as Record<string, unknown>);
    }
    if (value && typeof value === 'object') visitContainers(value, visit);
  }
}

function updateImage(current: string, image: ImageEntry): string {
  let { name, tag, digest } = splitImage(current);
  if (image.newName) name = image.newName;
  const newTag = image.newTag === undefined || image.newTag === null ? '' : String(image.newTag);
  if (newTag && image.digest) {
    tag = newTag;
    digest = image.digest;
  } else if (newTag) {
    tag = newTag;
    digest = '';
  } else if (image.digest) {
    tag = '';
    digest = image.digest;
  }
  if (image.tagSuffix) tag = `${tag}${image.tagSuffix}`;
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/** "registry:5000/app:1.2@sha256:..." -> name, tag, digest; a registry port is not a tag. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (at < 0 && colon < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (colon < 0 || at < colon)) return { name: image.slice(0, offset + at), tag: '', digest: image.slice(offset + at + 1) };
  if (at >= 0) return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1, offset + at), digest: image.slice(offset + at + 1) };
  return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1), digest: '' };
}
