import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from './i18n.js';

/** One button that offers the other language, named in that language so either reader finds it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      icon={<TranslationOutlined aria-hidden />}
      onClick={() => setLanguage(next)}
      lang={next}
      aria-label={t('language.switchTo')}
      data-testid="language-switch"
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
