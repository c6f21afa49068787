import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @yiyang/web` serves the console with hot reload and passes API calls to a running
// server (`npm run dev`, port 8080 unless YIYANG_API says otherwise).
const server = process.env.YIYANG_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: server, ws: true, changeOrigin: true },
      '/healthz': { target: server, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than ours; separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            // Higher priority first: antd's group would otherwise pull react-dom in as its dependency.
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 40 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
