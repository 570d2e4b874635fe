import { describe, expect, it } from 'vitest';
import { KccError } from '../../../src/core/errors.js';
import { renderText } from './render-text.js';

const r = (source: string, context: unknown = {}): string => renderText(source, context);

describe('chart helpers', () => {
  it('toYaml writes block YAML without a trailing newline; indent and nindent shift every line', () => {
    const context = { Values: { resources: { limits: { cpu: '1', memory: '1Gi' } } } };
    expect(r('{{toYaml Values.resources}}', context)).toBe('limits:\n  cpu: "1"\n  memory: 1Gi');
    expect(r('x:{{nindent 2 (toYaml Values.resources)}}', context)).toBe('x:\n  limits:\n    cpu: "1"\n    memory: 1Gi');
    expect(r('{{indent 4 "a\nb"}}')).toBe('    a\n    b');
  });

  it('include renders a named template with a context and pipes into nindent', () => {
    const partials = { helpers: '{{#define "labels"}}\napp: {{name}}\nrelease: {{@root.Release.Name}}\n{{/define}}' };
    const out = renderText('labels:{{nindent 2 (include "labels" Values.app)}}', { Values: { app: { name: 'web' } }, Release: { Name: 'r1' } }, partials);
    expect(out).toBe('labels:\n  app: web\n  release: r1');
  });

  it('{{> name}} partials go through the same named templates, indented when standalone', () => {
    const partials = { helpers: '{{#define "kv"}}\na: {{x}}\nroot: {{@root.r}}\n{{/define}}' };
    expect(renderText('m:\n  {{> kv}}\nend: 1', { x: 1, r: 'R' }, partials)).toBe('m:\n  a: 1\n  root: R\nend: 1');
  });

  it('a partial file without define blocks is one template named after the file', () => {
    expect(renderText('{{include "greeting" this}}', { who: 'x' }, { greeting: 'hello {{who}}\n' })).toBe('hello x');
  });

  it('default, empty, coalesce, ternary follow Sprig emptiness', () => {
    expect(r('{{default "d" Values.missing}}|{{default "d" ""}}|{{default "d" 0}}|{{default "d" "v"}}', { Values: {} })).toBe('d|d|d|v');
    expect(r('{{coalesce "" null "x"}}|{{ternary "y" "n" true}}|{{empty (list)}}')).toBe('x|y|true');
  });

  it('required returns the value, and fails naming the key and chart when it is missing', () => {
    expect(r('{{required "need it" Values.a}}', { Values: { a: 'ok' } })).toBe('ok');
    try {
      r('x: 1\nimage: {{required "image.repository is required" Values.image.repository}}', { Values: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KccError);
      const e = error as KccError;
      expect(e.message).toContain('Values.image.repository');
      expect(e.message).toContain('chart "test"');
      expect(e.message).toContain('image.repository is required');
      expect(e.location).toMatchObject({ file: 'templates/test.yaml', line: 2 });
    }
  });

  it('quote, squote, b64enc, b64dec, sha256sum', () => {
    expect(r('{{quote "a\\"b"}} {{quote 5}} {{squote "x"}}')).toBe('"a\\"b" "5" \'x\'');
    expect(r('{{b64enc "hello"}} {{b64dec "aGVsbG8="}}')).toBe('aGVsbG8= hello');
    expect(r('{{sha256sum "abc"}}')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('base, dir, ext on /-separated paths', () => {
    expect(r('{{base "config/app.conf"}} {{dir "config/app.conf"}} {{ext "config/app.conf"}} {{dir "top.txt"}}')).toBe('app.conf config .conf .');
  });

  it('trunc, lower, upper, title, trim, trimSuffix, replace, printf', () => {
    expect(r('{{trunc 3 "abcdef"}} {{trunc -2 "abcdef"}} {{lower "AbC"}} {{upper "abc"}} {{title "hello world"}}')).toBe('abc ef abc ABC Hello World');
    expect(r('{{trimSuffix "-" "name-"}} {{replace "." "-" "a.b.c"}} {{printf "%s-%d" "x" 3}} {{trim "  t  "}}')).toBe('name a-b-c x-3 t');
    expect(r('{{contains "b" "abc"}} {{hasPrefix "a" "abc"}} {{hasSuffix "c" "abc"}}')).toBe('true true true');
  });

  it('comparisons and boolean logic with Go template semantics', () => {
    expect(r('{{eq 1 1}} {{eq "a" "b" "a"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}}')).toBe('true true true true true true false');
    expect(r('{{and true "x"}} {{and 0 "x"}} {{or "" "y"}} {{not ""}}')).toBe('x 0 y true');
    expect(r('{{#if (and Values.a (not Values.b))}}yes{{else}}no{{/if}}', { Values: { a: 1, b: false } })).toBe('yes');
  });

  it('semverCompare reads Helm constraints, including prerelease-tolerant ones', () => {
    expect(r('{{semverCompare ">=1.30-0" "v1.36.3"}} {{semverCompare "<1.20" "1.36.3"}} {{semverCompare ">=1.2, <2" "1.5.0"}}')).toBe('true false true');
    expect(r('{{semverCompare ">=1.19-0" "v1.27.4-eks-1"}}')).toBe('true');
  });

  it('tpl renders a values string as a template with a context', () => {
    const context = { Values: { host: '{{Release.Name}}.example.com' }, Release: { Name: 'shop' } };
    expect(r('{{tpl Values.host this}}', context)).toBe('shop.example.com');
  });

  it('list and dict helpers', () => {
    expect(r('{{join "," (list "a" "b" (first (list "c")))}}')).toBe('a,b,c');
    expect(r('{{toJson (dict "b" 1 "a" (list 1 2))}}')).toBe('{"b":1,"a":[1,2]}');
    expect(r('{{toJson (merge (dict "a" 1) (dict "a" 2 "b" 3))}} {{toJson (mergeOverwrite (dict "a" 1) (dict "a" 2))}}')).toBe('{"a":1,"b":3} {"a":2}');
    expect(r('{{hasKey (dict "a" 1) "a"}} {{join "," (keys (dict "b" 1 "a" 2))}} {{len (list 1 2 3)}} {{get (dict "k" "v") "k"}}')).toBe('true a,b 3 v');
    expect(r('{{toJson (append (list 1) 2)}} {{toJson (concat (list 1) (list 2 3))}} {{has 2 (list 1 2)}} {{toJson (uniq (list 1 1 2))}}')).toBe('[1,2] [1,2,3] true [1,2]');
    expect(r('{{toJson (pick (dict "a" 1 "b" 2) "a")}} {{toJson (omit (dict "a" 1 "b" 2) "a")}} {{toJson (until 3)}} {{last (list 1 2)}}')).toBe('{"a":1} {"b":2} [0,1,2] 2');
  });

  it('fromYaml, fromJson, toJson round trip; kindIs', () => {
    expect(r('{{get (fromYaml "a: 1") "a"}} {{get (fromJson "{\\"a\\":2}") "a"}} {{kindIs "map" (dict)}} {{kindIs "slice" (list)}}')).toBe('1 2 true true');
  });

  it('if, unless and with treat empty maps, lists, 0 and "" as false, as Go templates do', () => {
    expect(r('{{#if Values.m}}y{{else}}n{{/if}}{{#if Values.l}}y{{else}}n{{/if}}{{#unless Values.z}}u{{/unless}}{{#with Values.m}}w{{else}}-{{/with}}', { Values: { m: {}, l: [], z: 0 } })).toBe('nnu-');
    expect(r('{{#with Values.m}}{{a}}{{/with}}', { Values: { m: { a: 1 } } })).toBe('1');
  });

  it('Capabilities-style objects print their version', () => {
    expect(r('{{KubeVersion}}', { KubeVersion: { Version: 'v1.36.3', toString: () => 'v1.36.3' } })).toBe('v1.36.3');
  });

  it('unknown helpers are errors at the line and column of the call', () => {
    try {
      r('a: 1\nb: {{nosuch 1}}');
      expect.unreachable();
    } catch (error) {
      expect((error as KccError).message).toContain('unknown helper "nosuch"');
      expect((error as KccError).location).toMatchObject({ line: 2, column: 4 });
    }
  });

  it('include and tpl recursion is bounded', () => {
    const partials = { loop: '{{#define "loop"}}{{include "loop" this}}{{/define}}' };
    expect(() => renderText('{{include "loop" this}}', {}, partials, 20)).toThrow(/nested more than 20 levels/);
    expect(() => r('{{tpl Values.t this}}', { Values: { t: '{{tpl Values.t this}}' } })).toThrow(/nested more than 100 levels/);
  });
});
