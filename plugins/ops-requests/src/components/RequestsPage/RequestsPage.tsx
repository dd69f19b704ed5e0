import { Content } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { RequestDetail } from './RequestDetail';
import { RequestsList } from './RequestsList';

/** `/ops-requests` (list) and `/ops-requests/:id` (one request). */
export function RequestsPage() {
  return (
    <Content>
      <main>
        <Routes>
          <Route path="/" element={<RequestsList />} />
          <Route path="/:id" element={<RequestDetail />} />
        </Routes>
      </main>
    </Content>
  );
}
