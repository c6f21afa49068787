import type { ThemeConfig } from 'antd';

/**
 * Many of the people using the console are past fifty and many of the elders' families older:
 * larger type, larger click targets and stronger contrast than antd's defaults. The primary blue
 * keeps a contrast ratio above 4.5:1 against white for text and focus rings.
 */
export const ageFriendlyTheme: ThemeConfig = {
  token: {
    fontSize: 16,
    fontSizeSM: 14,
    fontSizeLG: 18,
    fontSizeHeading1: 32,
    fontSizeHeading2: 26,
    fontSizeHeading3: 22,
    fontSizeHeading4: 19,
    lineHeight: 1.6,
    controlHeight: 40,
    controlHeightLG: 48,
    controlHeightSM: 32,
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    colorText: 'rgba(0, 0, 0, 0.9)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextDescription: 'rgba(0, 0, 0, 0.7)',
    colorError: '#b3261e',
    colorSuccess: '#146c2e',
    colorWarning: '#8a5300',
    borderRadius: 6,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
  components: {
    Menu: { itemHeight: 48, iconSize: 18, fontSize: 17 },
    Table: { cellPaddingBlock: 12 },
    Tree: { titleHeight: 36 },
    Layout: { headerHeight: 64, headerPadding: '0 24px' },
  },
};
