import { Content } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import { Route, Routes } from 'react-router-dom';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';

/**
 * Campaigns: a level in one discipline for a set of entities by a day; the
 * list, and one page per campaign with its burn-down and the teams behind.
 */
export function CampaignsPage() {
  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <Text as="h1" variant="title-medium">
            Scorecard campaigns
          </Text>
          <Routes>
            <Route path="/" element={<CampaignList />} />
            <Route path="/:id" element={<CampaignDetail />} />
          </Routes>
        </Flex>
      </main>
    </Content>
  );
}
