/**
 * Our tree walk against the package it replaces (unist-util-visit): on random trees, with
 * visitors that skip, exit, jump, remove, unwrap and insert nodes as the pipeline's passes do,
 * both must call the visitor on the same nodes with the same indexes and parents, and leave the
 * same tree.
 */
import fc from 'fast-check';
import type { Node, Parent } from 'unist';
import { visit as packageVisit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { visit, type VisitorResult } from '../../scripts/markdown/visit.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Number(process.env.FC_RUNS ?? 2000);

interface TestNode extends Node {
  id: string;
  children?: TestNode[];
}

const TYPES = ['a', 'b', 'text'] as const;
const tree: fc.Arbitrary<TestNode> = fc
  .letrec<{ node: TestNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ type: fc.constantFrom(...TYPES), id: fc.constant('') }),
      fc.record({
        type: fc.constantFrom(...TYPES),
        id: fc.constant(''),
        children: fc.array(tie('node'), { maxLength: 5 }),
      }),
    ),
  }))
  .node.map((root) => number(root, 'n'));

/** Give every node a path-like id, so that both walks' logs can be compared. */
function number(node: TestNode, id: string): TestNode {
  return {
    ...node,
    id,
    ...(node.children ? { children: node.children.map((child, i) => number(child, `${id}.${i}`)) } : {}),
  };
}

const ACTIONS = ['go', 'skip', 'exit', 'remove', 'unwrap', 'insert', 'jump', 'end', 'tuple', 'true', 'false'] as const;
type Act = (typeof ACTIONS)[number];

/** A visitor that does what `plan` says for each node id, logging each call; both walks get one. */
function visitor(plan: (id: string) => Act, log: string[]) {
  return (node: Node, index: number | undefined, parent: Parent | undefined): VisitorResult => {
    const self = node as TestNode;
    log.push(`${self.id}@${index ?? '-'}<${(parent as TestNode | undefined)?.id ?? '-'}`);
    if (log.length > 5000) throw new Error('runaway walk');
    const siblings = (parent as TestNode | undefined)?.children;
    const act = plan(self.id);
    if (act === 'skip') return 'skip';
    if (act === 'exit') return false;
    if (act === 'true') return true;
    if (act === 'false') return false;
    if (!siblings || index === undefined) return undefined;
    if (act === 'remove') {
      siblings.splice(index, 1);
      return index;
    }
    if (act === 'unwrap') {
      siblings.splice(index, 1, ...(self.children ?? []).map((child) => ({ ...child, id: `${child.id}u` })));
      return index;
    }
    if (act === 'insert') {
      siblings.splice(index + 1, 0, { type: 'text', id: `${self.id}+` });
      return undefined;
    }
    if (act === 'jump') return index + 2;
    if (act === 'end') return -1;
    return ['skip', index + 2];
  };
}

const planArbitrary = fc.func(fc.constantFrom(...ACTIONS));

describe('visit', () => {
  it(`walks like unist-util-visit, with and without a type (${numRuns} trees)`, () => {
    fc.assert(
      fc.property(tree, planArbitrary, fc.constantFrom(undefined, ...TYPES), (root, plan, type) => {
        const ours = structuredClone(root);
        const theirs = structuredClone(root);
        const oursLog: string[] = [];
        const theirsLog: string[] = [];
        // A node inserted by a visitor is visited and left alone, in both walks.
        const safePlan = (id: string): Act => (id.endsWith('+') || id.endsWith('u') ? 'go' : plan(id));
        if (type) {
          visit(ours, type, visitor(safePlan, oursLog));
          packageVisit(theirs, type, visitor(safePlan, theirsLog));
        } else {
          visit(ours, visitor(safePlan, oursLog));
          packageVisit(theirs, visitor(safePlan, theirsLog));
        }
        expect(oursLog).toEqual(theirsLog);
        expect(ours).toEqual(theirs);
      }),
      { seed, numRuns },
    );
  });

  it('stops at EXIT from deep inside, and goes into no child after SKIP', () => {
    const root: TestNode = number(
      {
        type: 'a',
        id: '',
        children: [
          { type: 'b', id: '', children: [{ type: 'text', id: '' }] },
          { type: 'b', id: '' },
        ],
      },
      'n',
    );
    const seen: string[] = [];
    visit(root, (node: TestNode) => {
      seen.push(node.id);
      return node.id === 'n.0' ? 'skip' : undefined;
    });
    expect(seen).toEqual(['n', 'n.0', 'n.1']);
    const until: string[] = [];
    visit(root, (node: TestNode) => {
      until.push(node.id);
      return node.id === 'n.0' ? false : undefined;
    });
    expect(until).toEqual(['n', 'n.0']);
  });
});
