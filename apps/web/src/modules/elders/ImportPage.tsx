import type { ElderImport, ImportRowError } from '@yiyang/contracts';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../app/errors.js';
import { uploadImport, useImportJob } from './elders.api.js';

/** 批量导入: template, upload, then the worker's progress and its row-by-row report. */
export default function ImportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_only'>('all_or_nothing');
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const job = useImportJob(jobId);
  const data = job.data;
  const finished = data && ['done', 'rejected', 'failed'].includes(data.status);
  const step = !jobId ? 1 : 2;

  return (
    <>
      <Typography.Title level={2}>{t('elders.import_.title')}</Typography.Title>
      <Steps current={step} style={{ marginBottom: 24, maxWidth: 720 }} items={[{ title: t('elders.import_.step1') }, { title: t('elders.import_.step2') }, { title: t('elders.import_.step3') }]} />
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical">
          <Button icon={<DownloadOutlined />} href="/api/v1/elders/import/template" data-testid="import-template">{t('elders.import_.template')}</Button>
          <Typography.Text type="secondary">{t('elders.import_.templateHint')}</Typography.Text>
        </Space>
      </Card>
      {!jobId && (
        <Card>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('elders.import_.mode')}</Typography.Text>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
              <Space direction="vertical">
                <Radio value="all_or_nothing">{t('elders.import_.allOrNothing')}</Radio>
                <Radio value="valid_only" data-testid="import-valid-only">{t('elders.import_.validOnly')}</Radio>
              </Space>
            </Radio.Group>
            {uploadError !== null && <Alert type="error" showIcon title={errorText(uploadError)} />}
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              data-testid="import-upload"
              beforeUpload={(file) => {
                setUploading(true);
                setUploadError(null);
                uploadImport(file, mode)
                  .then((j) => setJobId(j.id))
                  .catch(setUploadError)
                  .finally(() => setUploading(false));
                return false;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p>{t('elders.import_.drop')}</p>
            </Upload.Dragger>
          </Space>
        </Card>
      )}
      {jobId && data && <ImportReport data={data} />}
      {finished && (
        <Button style={{ marginTop: 16 }} onClick={() => setJobId(null)}>{t('elders.import_.again')}</Button>
      )}
    </>
  );
}

function ImportReport({ data }: { data: ElderImport }) {
  const { t } = useTranslation();
  const busy = ['queued', 'validating', 'importing'].includes(data.status);
  const percent = data.status === 'importing' && data.validRows ? Math.round((100 * data.importedRows) / data.validRows) : data.status === 'done' ? 100 : undefined;
  return (
    <Card data-testid="import-report">
      {busy ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t(`elders.import_.statuses.${data.status}`)}</Typography.Text>
          <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} />
          <Typography.Text>{t('elders.import_.progress', { processed: data.processedRows, imported: data.importedRows })}</Typography.Text>
        </Space>
      ) : (
        <Result
          status={data.status === 'done' ? 'success' : data.status === 'rejected' ? 'warning' : 'error'}
          title={<span data-testid="import-status">{t(`elders.import_.statuses.${data.status}`)}</span>}
          subTitle={
            <>
              <div>{t('elders.import_.summary', { total: data.totalRows, valid: data.validRows, errors: data.errorRows, imported: data.importedRows })}</div>
              {data.message && <div>{data.message}</div>}
            </>
          }
          extra={data.status === 'done' && <Link to="/elders">{t('elders.menu')}</Link>}
        />
      )}
      {data.errors.length > 0 && (
        <Table<ImportRowError>
          title={() => t('elders.import_.errors')}
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={data.errors}
          columns={[
            { title: t('elders.import_.row'), dataIndex: 'row', width: 80 },
            { title: t('elders.import_.column'), dataIndex: 'column', width: 160 },
            { title: t('elders.import_.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}
