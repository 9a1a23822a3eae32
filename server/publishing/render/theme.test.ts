import { describe, expect, it } from 'vitest';
import { DEFAULT_COLORS, MIN_CONTRAST, contrastRatio, resolveThemeColors, siteStylesheet } from './theme.ts';

describe('theme colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('red', '#ffffff')).toBeNull();
  });

  it('keeps configured colours that reach 4.5:1 against white', () => {
    expect(resolveThemeColors(['#003366', '#8B0000', '#333'])).toEqual({ primary: '#003366', secondary: '#8b0000', accent: '#333' });
  });

  it('falls back to the default colour in the same position when a colour is too light or malformed', () => {
    expect(resolveThemeColors(['#ffcc00', 'red;}body{display:none', '#777777'])).toEqual({
      primary: DEFAULT_COLORS[0],
      secondary: DEFAULT_COLORS[1],
      accent: DEFAULT_COLORS[2],
    });
  });

  it('uses only the first three colours and fills missing ones with defaults', () => {
    expect(resolveThemeColors([])).toEqual({ primary: DEFAULT_COLORS[0], secondary: DEFAULT_COLORS[1], accent: DEFAULT_COLORS[2] });
    expect(Object.keys(resolveThemeColors(['#111', '#222', '#333', '#444']))).toHaveLength(3);
  });

  it('ships default colours that pass the contrast rule themselves', () => {
    for (const c of DEFAULT_COLORS) expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });
});

describe('the site stylesheet', () => {
  const css = siteStylesheet({ colors: ['#003366', '#ffff00;}*{x:y'], logoUrl: null, bannerUrl: null, homeBlocks: [] });

  it('emits the theme colours as custom properties, never the rejected values', () => {
    expect(css).toContain('--gk-primary: #003366;');
    expect(css).toContain(`--gk-secondary: ${DEFAULT_COLORS[1]};`);
    expect(css).not.toContain('#ffff00');
  });

  it('has a readable body size, visible focus, a responsive breakpoint and print styles', () => {
    expect(css).toMatch(/html \{ font-size: 112\.5%/);
    expect(css).toContain(':focus-visible');
    expect(css).toContain('@media (max-width: 640px)');
    expect(css).toContain('@media print');
  });

  it('has balanced braces', () => {
    expect(css.split('{').length).toBe(css.split('}').length);
  });
});
