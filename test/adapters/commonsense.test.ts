import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt, only } from './adapt.js';

const _registry = loadRegistry();

describe('copa', () => {
  const row = {
    premise: 'The pond froze over.',
    choice1: 'The temperature rose.',
    choice2: 'The temperature dropped.',
    question: 'cause',
    idx: 3,
    label: 1,
  };

  it('offers [choice1, choice2] and picks the labelled one; cause reads "because"', () => {
    expect(adapt('copa', row)).toEqual([
      {
        fields: {
          premise: 'The pond froze over.',
          question: 'cause',
          connector: 'because',
          answer: 'The temperature dropped.',
        },
        options: ['The temperature rose.', 'The temperature dropped.'],
      },
    ]);
  });

  it('effect reads "so"; parquet INT64 labels (bigint) work', () => {
    expect(only('copa', { ...row, question: 'effect', label: 0n })).toMatchObject({
      fields: { question: 'effect', connector: 'so', answer: 'The temperature rose.' },
    });
  });

  it('skips unlabelled test rows (-1)', () => {
    expect(adapt('copa', { ...row, label: -1 })).toEqual({ skip: 'no gold label' });
  });

  it('refuses a question that is neither cause nor effect', () => {
    expect(() => adapt('copa', { ...row, question: 'reason' })).toThrow(/copa\/copa: row does not match/);
  });
});

describe('hellaswag', () => {
  const wikihow = {
    ctx: '[header] How to repot a plant [title] Choose a bigger pot. [step] One inch wider is enough.',
    endings: [
      '[title] Water it. [step] Use a can.',
      'Paint it [substeps] green.',
      'Bury it.',
      '[step] Freeze it.',
    ],
    label: '2',
  };

  it('removes [header], turns other markers into line breaks, strips markers from endings', () => {
    expect(adapt('hellaswag', wikihow)).toEqual([
      {
        fields: {
          context: 'How to repot a plant\nChoose a bigger pot.\nOne inch wider is enough.',
          answer: 'Bury it.',
        },
        options: ['Water it. Use a can.', 'Paint it green.', 'Bury it.', 'Freeze it.'],
      },
    ]);
  });

  it('leaves ActivityNet contexts alone and reads the string label', () => {
    const row = {
      ctx: 'A man holds a guitar. he',
      endings: ['plays.', 'eats it.', 'sleeps.', 'flies.'],
      label: '0',
    };
    expect(adapt('hellaswag', row)).toEqual([
      {
        fields: { context: 'A man holds a guitar. he', answer: 'plays.' },
        options: ['plays.', 'eats it.', 'sleeps.', 'flies.'],
      },
    ]);
  });

  it('skips rows whose label is not 0-3 (empty in test)', () => {
    expect(adapt('hellaswag', { ...wikihow, label: '' })).toEqual({ skip: 'no gold label' });
    expect(adapt('hellaswag', { ...wikihow, label: '4' })).toEqual({ skip: 'no gold label' });
    expect(adapt('hellaswag', { ...wikihow, label: '-1' })).toEqual({ skip: 'no gold label' });
  });
});

describe('piqa', () => {
  it('offers [sol1, sol2]', () => {
    const row = {
      goal: 'To open a jar,',
      sol1: 'freeze it.',
      sol2: 'run the lid under hot water.',
      label: 1,
    };
    expect(adapt('piqa', row)).toEqual([
      {
        fields: { goal: 'To open a jar,', answer: 'run the lid under hot water.' },
        options: ['freeze it.', 'run the lid under hot water.'],
      },
    ]);
    expect(adapt('piqa', { ...row, label: -1 })).toEqual({ skip: 'no gold label' });
  });
});

describe('story_cloze', () => {
  const row = {
    input_sentence_1: 'Ann saved money.',
    input_sentence_2: 'She wanted a bike. ',
    input_sentence_3: 'She had enough.',
    input_sentence_4: 'She went to the shop.',
    sentence_quiz1: 'She bought a bike.',
    sentence_quiz2: 'She hated bikes.',
    answer_right_ending: 1,
  };

  it('joins the four sentences and maps answer_right_ending 1/2 to the endings', () => {
    expect(adapt('story_cloze', row)).toEqual([
      {
        fields: {
          context: 'Ann saved money. She wanted a bike. She had enough. She went to the shop.',
          answer: 'She bought a bike.',
        },
        options: ['She bought a bike.', 'She hated bikes.'],
      },
    ]);
    expect(only('story_cloze', { ...row, answer_right_ending: 2 })).toMatchObject({
      fields: { answer: 'She hated bikes.' },
    });
  });

  it('skips a row with no usable ending number', () => {
    expect(adapt('story_cloze', { ...row, answer_right_ending: 0 })).toEqual({ skip: 'no gold label' });
  });
});
